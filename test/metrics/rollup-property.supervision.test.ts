// The rollup property, extended to 督办: for random histories of 催办 (by the policy and by hand),
// 督办 by hand, escalations by the policy and re-dispatches, written event by event and interleaved
// across orders, the rollups' supervision counters equal a recount of the events alone, per station
// and period: one 催办 notice per urge; per order and period, one urged, one supervised, one street
// and one district escalation at most, under the station urged (or holding the order then). And
// supervision moves nothing else: the same histories without it roll up to the same other counters.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Actor, OrderEvent } from '../../contracts/events.js';
import { AssessmentConfig } from '../../contracts/metrics.js';
import { counterNames, type CounterName } from '../../src/domain/metrics/contribution.js';
import { periodOf } from '../../src/domain/metrics/period.js';
import { dispatched, order } from '../support/sla-fixtures.js';
import {
  countersOf,
  files,
  memoryStore,
  writeHistories,
  type Written as SharedWritten,
} from '../support/rollup-histories.js';

const config = AssessmentConfig.parse(files.assessment);
const stations = ['cuicheng-yiyuan-grid', 'cuicheng-xinyuan-grid', 'zhonglouwan-grid'];
const SUPERVISION = [
  'urges',
  'urgedOrders',
  'supervisedOrders',
  'escalatedStreet',
  'escalatedDistrict',
] as const satisfies readonly CounterName[];
type SupervisionCounter = (typeof SUPERVISION)[number];
const OTHERS = counterNames.filter((n) => !(SUPERVISION as readonly string[]).includes(n));

const system: Actor = { role: 'system', id: 'sla-sweeper' };
const supervisor: Actor = {
  role: 'supervisor',
  id: 'supervisor-dongcheng',
  account: { id: 'acc-1', name: '王督办' },
};

/** urge/escalate: by the policy; urgeByHand/supervise: a supervisor; move: re-dispatch (改派). */
type Step =
  | { kind: 'urge' | 'urgeByHand'; named: boolean }
  | { kind: 'supervise' | 'escalate'; level: 'street' | 'district' }
  | { kind: 'move'; to: number };
interface Plan {
  station: number;
  startHour: number;
  /** Minutes before each step: a few minutes to three weeks, so periods are crossed. */
  gaps: number[];
  steps: Step[];
}
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constantFrom('urge' as const, 'urgeByHand' as const), named: fc.boolean() }),
  fc.record({
    kind: fc.constantFrom('supervise' as const, 'escalate' as const),
    level: fc.constantFrom('street' as const, 'district' as const),
  }),
  fc.record({ kind: fc.constant('move' as const), to: fc.nat(stations.length - 1) }),
);
const plan: fc.Arbitrary<Plan> = fc.record({
  station: fc.nat(stations.length - 1),
  startHour: fc.nat(24 * 40),
  gaps: fc.array(fc.integer({ min: 5, max: 21 * 24 * 60 }), { minLength: 10, maxLength: 10 }),
  steps: fc.array(step, { maxLength: 10 }),
});

/** Every supervision history names its actor (the recount tells 督办 by hand from escalation). */
type Written = SharedWritten & { actor: Actor };

function eventsFor(i: number, p: Plan): Written[] {
  let t = Date.parse('2026-02-10T08:00:00+08:00') + p.startHour * 3_600_000;
  let holder = stations[p.station] ?? 'cuicheng-yiyuan-grid';
  const received = new Date(t).toISOString();
  const out: Written[] = [
    {
      at: t,
      actor: system,
      data: {
        type: 'order.received',
        order: {
          ...order('2026-02-10T08:00:00'),
          receivedAt: received,
          id: `o${i}`,
          externalId: `E${i}`,
        },
      },
    },
    { at: t, actor: system, data: dispatched(holder) },
  ];
  p.steps.forEach((s, n) => {
    t += (p.gaps[n] ?? 60) * 60_000;
    // Events recorded before the station was named on them leave the fold to find the holder.
    const named = s.kind === 'urge' || s.kind === 'urgeByHand' ? s.named : true;
    const held = named ? { stationId: holder } : {};
    if (s.kind === 'move') {
      holder = stations[s.to] ?? holder;
      out.push({ at: t, actor: system, data: dispatched(holder) });
    } else if (s.kind === 'urge' || s.kind === 'urgeByHand')
      out.push({
        at: t,
        actor: s.kind === 'urge' ? system : supervisor,
        data: {
          type: 'supervision.urged',
          cycle: 1,
          ...held,
          ...(s.kind === 'urge'
            ? { target: 'resolve' as const, dueAt: received }
            : { note: '请尽快办理' }),
        },
      });
    else if (s.kind === 'supervise' || s.kind === 'escalate')
      out.push({
        at: t,
        actor: s.kind === 'escalate' ? system : supervisor,
        data: {
          type: 'supervision.escalated',
          level: s.level,
          cycle: 1,
          ...held,
          ...(s.kind === 'escalate'
            ? { target: 'resolve' as const, dueAt: received }
            : { note: '督办' }),
        },
      });
  });
  return out;
}

const withoutSupervision = (evs: Written[]) =>
  evs.filter((e) => !e.data.type.startsWith('supervision.'));

/** The recount, from the stored histories alone: per `period|station`, the supervision counters. */
function recount(histories: OrderEvent[][]) {
  const cells = new Map<string, Record<SupervisionCounter, number>>();
  const add = (k: string, name: SupervisionCounter) => {
    const c = cells.get(k) ?? {
      urges: 0,
      urgedOrders: 0,
      supervisedOrders: 0,
      escalatedStreet: 0,
      escalatedDistrict: 0,
    };
    c[name] += 1;
    cells.set(k, c);
  };
  for (const events of histories) {
    let holder = '';
    const once = new Set<string>();
    for (const e of events) {
      const d = e.data;
      if (d.type === 'order.dispatched') holder = d.stationId;
      if (d.type !== 'supervision.urged' && d.type !== 'supervision.escalated') continue;
      const period = periodOf(Date.parse(e.at), config, 480);
      const k = `${period}|${d.stationId ?? holder}`;
      const kind: SupervisionCounter =
        d.type === 'supervision.urged'
          ? 'urgedOrders'
          : e.actor.role !== 'system'
            ? 'supervisedOrders'
            : d.level === 'street'
              ? 'escalatedStreet'
              : 'escalatedDistrict';
      if (d.type === 'supervision.urged') add(k, 'urges');
      if (!once.has(`${period}|${kind}`)) {
        once.add(`${period}|${kind}`);
        add(k, kind);
      }
    }
  }
  return cells;
}

describe('rollups count 督办 as a recount of the events does', () => {
  it('per station and period: 催办 notices, and orders urged, supervised and escalated once each; nothing else moves', async () => {
    const seen = {
      urges: 0,
      twiceInAPeriod: 0,
      unnamed: 0,
      periods: 0,
      escalated: 0,
      supervised: 0,
    };
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 6 }), async (plans) => {
        const all = plans.map((p, i) => eventsFor(i, p));
        const [withIt, without] = [memoryStore(config), memoryStore(config)];
        await writeHistories(withIt, all);
        await writeHistories(without, all.map(withoutSupervision));
        const histories: OrderEvent[][] = [];
        for (let i = 0; i < all.length; i++) histories.push(await withIt.events(`o${i}`));
        const expected = recount(histories);
        for (const c of expected.values()) {
          seen.urges += c.urges;
          seen.twiceInAPeriod += c.urges > c.urgedOrders ? 1 : 0;
          seen.escalated += c.escalatedStreet + c.escalatedDistrict;
          seen.supervised += c.supervisedOrders;
        }
        seen.unnamed += histories
          .flat()
          .filter((e) => e.data.type.startsWith('supervision.') && !('stationId' in e.data)).length;
        const periods = new Set(
          histories.flat().map((e) => periodOf(Date.parse(e.at), config, 480)),
        );
        seen.periods = Math.max(seen.periods, periods.size);
        for (const period of periods) {
          const got = await countersOf(withIt, period, 'station');
          const base = await countersOf(without, period, 'station');
          for (const station of new Set([...got.keys(), ...stations])) {
            const want = expected.get(`${period}|${station}`);
            expect(
              Object.fromEntries(SUPERVISION.map((n) => [n, got.get(station)?.[n] ?? 0])),
              `${period} ${station}`,
            ).toEqual(Object.fromEntries(SUPERVISION.map((n) => [n, want?.[n] ?? 0])));
            expect(
              Object.fromEntries(OTHERS.map((n) => [n, got.get(station)?.[n] ?? 0])),
              `${period} ${station}: supervision moves nothing else`,
            ).toEqual(Object.fromEntries(OTHERS.map((n) => [n, base.get(station)?.[n] ?? 0])));
          }
        }
        await withIt.close();
        await without.close();
      }),
      { numRuns: 40 },
    );
    // Not vacuous: notices, repeats inside a period, unnamed stations, several periods, every kind.
    expect(seen.urges).toBeGreaterThan(0);
    expect(seen.twiceInAPeriod).toBeGreaterThan(0);
    expect(seen.unnamed).toBeGreaterThan(0);
    expect(seen.periods).toBeGreaterThan(1);
    expect(seen.escalated).toBeGreaterThan(0);
    expect(seen.supervised).toBeGreaterThan(0);
  }, 180_000);
});
