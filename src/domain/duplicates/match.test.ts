// 重复件 matching as a table: each row a new order against one candidate, linked or not, and why.
// Same caller (phone), same place (resolved code), same matter (topic, text alike), open, in window.
import { describe, expect, it } from 'vitest';
import type { CanonicalOrder } from '../../../contracts/order.js';
import type { OrderState, OrderView } from '../../../contracts/views.js';
import { matchDuplicate, type MatchReason } from './match.js';
import { textSimilarity } from './similarity.js';

const policy = { windowDays: 14, minSimilarity: 0.35 };
const PHONE = '+8613800138000';
const PLACE = '110101004004';

const first: CanonicalOrder = {
  id: 'ord_lead',
  source: 'bj-12345',
  externalId: 'GD-1',
  channel: 'phone',
  type: 'help',
  topic: ['市政设施', '路灯'],
  title: '钟楼湾胡同路灯不亮',
  content: '钟楼湾胡同口两盏路灯一直不亮，晚上出行很不方便，请尽快维修。',
  caller: { name: '魏先生', phone: PHONE },
  location: { divisionCode: PLACE },
  receivedAt: '2026-03-02T09:00:00+08:00',
  urgency: 'normal',
  attachments: [],
  extra: {},
};

function candidate(
  overrides: {
    state?: OrderState;
    duplicateOf?: string;
    place?: string;
  } & Partial<CanonicalOrder> = {},
): OrderView {
  const { state = 'dispatched', duplicateOf, place = PLACE, ...order } = overrides;
  return {
    id: order.id ?? 'ord_lead',
    source: 'bj-12345',
    externalId: 'GD-1',
    state,
    version: 2,
    station: { id: 'zhonglouwan-grid', name: '钟楼湾社区' },
    route: {
      outcome: 'routed',
      rule: 'division_code',
      stationId: 'zhonglouwan-grid',
      candidates: [],
      reason: 'test',
      place: { code: place, name: '钟楼湾社区', level: 'community' },
    },
    returns: [],
    extensions: [],
    paused: false,
    callbacks: [],
    ...(duplicateOf !== undefined ? { duplicateOf } : {}),
    slaFacts: { cycle: 1, clocks: [], pauses: [], holdings: [], emitted: [] },
    order: { ...first, ...order },
    createdAt: first.receivedAt,
    updatedAt: first.receivedAt,
  };
}

/** The repeat call: same caller, same lamp, told in other words two days later. */
const repeat = {
  ...first,
  id: 'ord_new',
  externalId: 'GD-2',
  title: '路灯还是不亮',
  content: '前两天反映钟楼湾胡同口两盏路灯不亮，到现在还没有维修，晚上出行不方便。',
  receivedAt: '2026-03-04T10:00:00+08:00',
};

const rows: [string, Partial<typeof repeat>, OrderView, string | undefined, MatchReason][] = [
  ['the same caller about the same lamp, two days later', {}, candidate(), PLACE, 'linked'],
  [
    'another caller (phone) about the same lamp',
    { caller: { name: '李女士', phone: '+8613900139000' } },
    candidate(),
    PLACE,
    'different_caller',
  ],
  ['a call without a phone', { caller: { name: '匿名' } }, candidate(), PLACE, 'no_phone'],
  [
    'the same caller about a lamp in another community',
    {},
    candidate({ place: '110101004001' }),
    PLACE,
    'different_place',
  ],
  ['a new call whose place was not resolved', {}, candidate(), undefined, 'no_place'],
  ['the original was resolved', {}, candidate({ state: 'resolved' }), PLACE, 'not_open'],
  ['the original was closed (called back)', {}, candidate({ state: 'closed' }), PLACE, 'not_open'],
  [
    'the original is older than the window',
    { receivedAt: '2026-03-17T09:00:01+08:00' },
    candidate(),
    PLACE,
    'outside_window',
  ],
  [
    'just inside the window',
    { receivedAt: '2026-03-16T09:00:00+08:00' },
    candidate(),
    PLACE,
    'linked',
  ],
  [
    'the same caller about another matter (topic)',
    { topic: ['环境保护', '噪声'] },
    candidate(),
    PLACE,
    'different_topic',
  ],
  [
    'the same caller, same topic, different story (text)',
    { title: '路灯杆倾斜', content: '小区北门停车场新装的灯杆被货车撞歪了，有倒塌危险。' },
    candidate(),
    PLACE,
    'text_differs',
  ],
  [
    'the candidate is itself a repeat',
    {},
    candidate({ duplicateOf: 'ord_zero' }),
    PLACE,
    'is_duplicate',
  ],
];

describe('重复件 matching table', () => {
  it.each(rows)('%s', (_name, change, cand, place, reason) => {
    const out = matchDuplicate({ ...repeat, ...change }, place, [cand], policy);
    expect(out.decisions).toEqual([expect.objectContaining({ orderId: cand.id, reason })]);
    if (reason === 'linked') expect(out.lead?.id).toBe(cand.id);
    else expect(out.lead).toBeUndefined();
  });

  it('links to the earliest open order when several match, and says why for each', () => {
    const older = candidate({ id: 'ord_older', receivedAt: '2026-03-01T09:00:00+08:00' });
    const closed = candidate({ id: 'ord_closed', state: 'closed' });
    const out = matchDuplicate(repeat, PLACE, [candidate(), closed, older], policy);
    expect(out.lead?.id).toBe('ord_older');
    expect(out.decisions.map((d) => [d.orderId, d.reason])).toEqual([
      ['ord_lead', 'linked'],
      ['ord_closed', 'not_open'],
      ['ord_older', 'linked'],
    ]);
  });

  it('measures text similarity symmetric, 1 for the same text, 0 for nothing shared', () => {
    expect(textSimilarity(first.content, first.content)).toBe(1);
    expect(textSimilarity('停电了', '路灯坏')).toBe(0);
    expect(textSimilarity(first.content, repeat.content)).toBe(
      textSimilarity(repeat.content, first.content),
    );
    expect(
      textSimilarity(`${first.title} ${first.content}`, `${repeat.title} ${repeat.content}`),
    ).toBeGreaterThan(policy.minSimilarity);
  });
});
