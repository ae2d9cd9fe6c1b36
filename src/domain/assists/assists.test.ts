// 主办/协办 in the pure core: a part's life folded from its events, the lead held until the parts are
// in or closed, and each part's own 签收 / 办结 deadlines with their warnings and breach, once each.
import { describe, expect, it } from 'vitest';
import type { EventData, OrderEvent } from '../../../contracts/events.js';
import { Gazetteer, StationDirectory } from '../../../contracts/places.js';
import { CanonicalOrder } from '../../../contracts/order.js';
import { SlaPolicy, WorkingCalendar } from '../../../contracts/sla.js';
import type { OrderView } from '../../../contracts/views.js';
import type { DomainError } from '../errors.js';
import { decide, type Command } from '../lifecycle/decide.js';
import { evolve, fold } from '../lifecycle/evolve.js';
import { buildPlaceIndex } from '../routing/place-index.js';
import { assessSla } from '../sla/assess.js';
import { WorkCalendar } from '../sla/calendar.js';

const places = buildPlaceIndex(
  Gazetteer.parse({
    places: [
      { code: '110105', level: 'district', name: '朝阳区' },
      { code: '110105019', level: 'street', name: '垡头街道', parent: '110105' },
      { code: '110105019040', level: 'community', name: '翠城艺园社区', parent: '110105019' },
      { code: '110105019028', level: 'community', name: '翠城熙园社区', parent: '110105019' },
    ],
  }),
  StationDirectory.parse({
    stations: [
      { id: 'yiyuan-grid', name: '翠城艺园社区网格工作站', covers: ['110105019040'] },
      { id: 'xiyuan-grid', name: '翠城熙园社区网格工作站', covers: ['110105019028'] },
      { id: 'power-co', name: '供电公司', kind: 'department', covers: ['110105'] },
    ],
  }),
);
const order = CanonicalOrder.parse({
  id: 'ord_assist',
  source: 'bj-12345',
  externalId: 'GD1',
  channel: 'phone',
  type: 'complaint',
  topic: ['供电', '停电'],
  title: '停电',
  content: '楼里停电',
  caller: { name: '黄先生', phone: '+8613800138000' },
  location: { divisionCode: '110105019040' },
  receivedAt: '2026-03-02T09:00:00+08:00',
  urgency: 'normal',
});
const policy = SlaPolicy.parse({
  version: 't',
  rules: [
    {
      id: 'general',
      targets: {
        accept: { amount: 1, clock: 'working_days' },
        resolve: { amount: 7, clock: 'working_days' },
      },
    },
  ],
  assists: { accept: { amount: 4, clock: 'clock_hours', warnAt: [0.5] } },
});
const cal = new WorkCalendar(WorkingCalendar.parse({ years: {} }));

let t = Date.parse('2026-03-02T09:00:00+08:00');
const events: OrderEvent[] = [];
function record(...data: EventData[]): OrderView {
  for (const d of data) {
    t += 60_000;
    events.push({
      orderId: order.id,
      seq: events.length + 1,
      at: new Date(t).toISOString(),
      actor: { role: 'system', id: 'test' },
      data: d,
    });
  }
  const v = fold(events);
  if (!v) throw new Error('no view');
  return v;
}
const act = (view: OrderView, command: Command) => record(...decide(view, command, places));
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    return err as DomainError;
  }
  throw new Error('expected a refusal');
};

describe('主办/协办', () => {
  const lead = record(
    { type: 'order.received', order },
    {
      type: 'order.dispatched',
      stationId: 'yiyuan-grid',
      stationName: '翠城艺园社区网格工作站',
      decision: {
        outcome: 'routed',
        rule: 'manual',
        stationId: 'yiyuan-grid',
        candidates: [],
        reason: 't',
      },
    },
    { type: 'order.accepted' },
  );

  it('asks units of the directory for their part, never the lead or an open part twice', () => {
    expect(
      refusal(() => decide(lead, { kind: 'request_assist', stationId: 'yiyuan-grid' }, places)),
    ).toMatchObject({ code: 'state_conflict', details: { errors: [{ path: 'stationId' }] } });
    expect(
      refusal(() => decide(lead, { kind: 'request_assist', stationId: 'nowhere' }, places)),
    ).toMatchObject({ code: 'unknown_station' });
    let v = act(lead, {
      kind: 'request_assist',
      stationId: 'xiyuan-grid',
      note: '请排查熙园侧线路',
    });
    v = act(v, { kind: 'request_assist', stationId: 'power-co' });
    expect(
      refusal(() => decide(v, { kind: 'request_assist', stationId: 'power-co' }, places)),
    ).toMatchObject({ code: 'state_conflict' });
    expect(v.assists?.map((a) => [a.part, a.stationId, a.status, a.note])).toEqual([
      [1, 'xiyuan-grid', 'requested', '请排查熙园侧线路'],
      [2, 'power-co', 'requested', undefined],
    ]);
  });

  it('keeps the lead from resolving until each part is reported or closed, naming who is missing', () => {
    let v = fold(events) as OrderView;
    const resolve: Command = { kind: 'resolve', input: { result: '已恢复供电' } };
    const first = refusal(() => decide(v, resolve, places));
    expect(first.code).toBe('state_conflict');
    expect(first.message).toContain('翠城熙园社区网格工作站');
    expect(first.message).toContain('供电公司');
    // Report before 签收 is refused; 签收 then report.
    expect(
      refusal(() =>
        decide(v, { kind: 'report_assist', stationId: 'xiyuan-grid', opinion: 'x' }, places),
      ).message,
    ).toContain('签收');
    v = act(v, { kind: 'accept_assist', stationId: 'xiyuan-grid' });
    v = act(v, { kind: 'report_assist', stationId: 'xiyuan-grid', opinion: '熙园侧线路正常' });
    expect(
      refusal(() =>
        decide(v, { kind: 'remove_assist', stationId: 'xiyuan-grid', note: 'x' }, places),
      ).code,
    ).toBe('state_conflict');
    expect(refusal(() => decide(v, resolve, places)).message).not.toContain('熙园');
    v = act(v, { kind: 'close_assists', note: '主办已查明原因' });
    expect(v.assists?.map((a) => [a.status, a.opinion ?? a.endNote])).toEqual([
      ['reported', '熙园侧线路正常'],
      ['closed', '主办已查明原因'],
    ]);
    v = act(v, resolve);
    expect(v.state).toBe('resolved');
    expect(
      refusal(() => decide(v, { kind: 'request_assist', stationId: 'power-co' }, places)).details
        .state,
    ).toBe('resolved');
  });
});

describe("a part's own clocks", () => {
  const start = Date.parse('2026-03-02T10:00:00+08:00');
  const base: OrderView = (() => {
    const v = fold([
      {
        orderId: 'o',
        seq: 1,
        at: '2026-03-02T01:00:00.000Z',
        actor: { role: 'system', id: 't' },
        data: { type: 'order.received', order },
      },
      {
        orderId: 'o',
        seq: 2,
        at: '2026-03-02T01:30:00.000Z',
        actor: { role: 'system', id: 't' },
        data: {
          type: 'order.dispatched',
          stationId: 'yiyuan-grid',
          stationName: 'y',
          decision: {
            outcome: 'routed',
            rule: 'manual',
            stationId: 'yiyuan-grid',
            candidates: [],
            reason: 't',
          },
        },
      },
      {
        orderId: 'o',
        seq: 3,
        at: new Date(start).toISOString(),
        actor: { role: 'dispatcher', id: 'd' },
        data: { type: 'order.assist_requested', stationId: 'power-co', stationName: '供电公司' },
      },
    ]);
    if (!v) throw new Error('no view');
    return v;
  })();

  it("runs from the request: 签收 on the policy's assists entry, 办结 on the order's rule", () => {
    const { summary, fires } = assessSla(base, policy, cal, start + 3 * 3_600_000);
    const part = summary.assists?.[0];
    expect(part?.stationId).toBe('power-co');
    const accept = part?.figures.find((f) => f.target === 'accept');
    expect(accept).toMatchObject({
      rule: 'assists',
      status: 'warning',
      dueAt: '2026-03-02T06:00:00.000Z',
    });
    // 7 working days from the day after the request: due at 24:00 of Wednesday 2026-03-11 (CST).
    expect(part?.figures.find((f) => f.target === 'resolve')).toMatchObject({
      rule: 'general',
      status: 'on_track',
      dueAt: '2026-03-11T16:00:00.000Z',
    });
    const partFires = fires.filter((f) => f.assist?.part === 1);
    expect(partFires.map((f) => [f.target, f.kind, new Date(f.at).toISOString()])).toContainEqual([
      'accept',
      'breach',
      '2026-03-02T06:00:00.000Z',
    ]);
  });

  it('emits each of its warnings and breach once, and stops them with 签收', () => {
    const breach: OrderEvent = {
      orderId: 'o',
      seq: 4,
      at: '2026-03-02T06:00:01.000Z',
      actor: { role: 'system', id: 'sla-sweeper' },
      data: {
        type: 'sla.breached',
        target: 'accept',
        cycle: 1,
        dueAt: '2026-03-02T06:00:00.000Z',
        assist: { part: 1, stationId: 'power-co' },
      },
    };
    const after = evolve(base, breach);
    const late = assessSla(after, policy, cal, start + 5 * 3_600_000);
    expect(late.fires.some((f) => f.assist && f.target === 'accept' && f.kind === 'breach')).toBe(
      false,
    );
    // The lead's own accept breach is a different marker and still due.
    expect(late.fires.some((f) => !f.assist && f.target === 'accept' && f.kind === 'breach')).toBe(
      true,
    );
    const accepted = evolve(after, {
      ...breach,
      seq: 5,
      at: '2026-03-02T07:00:00.000Z',
      actor: { role: 'station', id: 'power-co' },
      data: { type: 'order.assist_accepted', stationId: 'power-co' },
    });
    const figure = assessSla(accepted, policy, cal, start + 6 * 3_600_000).summary.assists?.[0]
      ?.figures[0];
    expect(figure).toMatchObject({
      target: 'accept',
      status: 'breached',
      met: false,
      stoppedAt: '2026-03-02T07:00:00.000Z',
    });
  });
});
