// The console's candidates: the source's home region first, each with its full line of names, the
// words that matched and the covering station; a station that returned the order as 属地不符 (or the
// one whose return is under review) is shown but not offered.
import { describe, expect, it } from 'vitest';
import type { EventData, OrderEvent } from '../../../../contracts/events.js';
import type { OrderView } from '../../../../contracts/views.js';
import { loadConfigFiles } from '../../../config/load-files.js';
import { fold } from '../../../domain/lifecycle/evolve.js';
import { buildPlaceIndex } from '../../../domain/routing/place-index.js';
import { exampleConfigDir } from '../../../../test/support/test-gateway.js';
import { order } from '../../../../test/support/sla-fixtures.js';
import { candidatesFor } from './candidates.js';

const files = loadConfigFiles(exampleConfigDir);
const places = buildPlaceIndex(files.gazetteer, files.directory, {
  sourceRegions: { 'cs-12345': '430000' },
});

function viewOf(source: string, ...data: EventData[]): OrderView {
  const o = { ...order('2026-03-02T08:00:00'), source };
  const events: OrderEvent[] = [{ type: 'order.received', order: o } as EventData, ...data].map(
    (d, i) => ({
      orderId: o.id,
      seq: i + 1,
      at: '2026-03-02T00:00:00.000Z',
      actor: { role: 'system', id: 'test' },
      data: d,
    }),
  );
  const view = fold(events);
  if (!view) throw new Error('no view');
  return view;
}

// 东湖街道 is a street in Beijing (朝阳区) and in Changsha (芙蓉区): the router could not choose.
const ambiguous: EventData = {
  type: 'order.triaged',
  decision: {
    outcome: 'triage',
    reason: 'two places',
    candidates: [
      { code: '110105043', name: '东湖街道', level: 'street', matchedText: '东湖街道' },
      { code: '430102017', name: '东湖街道', level: 'street', matchedText: '东湖街道' },
    ],
  },
};

describe('candidatesFor', () => {
  it("puts the source's home region first, with the full line and the words that matched", () => {
    const [first, second] = candidatesFor(viewOf('cs-12345', ambiguous), places);
    expect(first).toMatchObject({
      code: '430102017',
      inHomeRegion: true,
      matchedText: '东湖街道',
    });
    expect(first?.line.at(-1)).toBe('东湖街道');
    expect(first?.line).toContain('芙蓉区');
    expect(second).toMatchObject({ code: '110105043', inHomeRegion: false });
    expect(second?.line).toContain('朝阳区');
  });

  it('keeps the router order when the source has no home region', () => {
    expect(candidatesFor(viewOf('other-12345', ambiguous), places).map((c) => c.code)).toEqual([
      '110105043',
      '430102017',
    ]);
  });

  it('names the covering station, and does not offer one that returned the order as 属地不符', () => {
    const dispatched: EventData = {
      type: 'order.dispatched',
      stationId: 'cuicheng-yiyuan-grid',
      stationName: '翠城艺园社区网格工作站',
      decision: { outcome: 'routed', rule: 'manual', candidates: [], reason: 'x' },
    };
    const returned: EventData = {
      type: 'order.returned',
      stationId: 'cuicheng-yiyuan-grid',
      reason: 'wrong_area',
      note: '不在本社区',
    };
    const retriaged: EventData = {
      type: 'order.triaged',
      decision: {
        outcome: 'triage',
        reason: 'returned',
        candidates: [
          { code: '110105019040', name: '翠城艺园社区', level: 'community' },
          { code: '110105019028', name: '翠城馨园社区', level: 'community' },
        ],
      },
    };
    const list = candidatesFor(viewOf('bj-12345', dispatched, returned, retriaged), places);
    expect(list.find((c) => c.code === '110105019040')).toMatchObject({
      stationId: 'cuicheng-yiyuan-grid',
      eligible: false,
    });
    expect(list.find((c) => c.code === '110105019028')).toMatchObject({ eligible: true });
  });
});
