// The rollup property, extended to 协办 (assisting units): for random histories of parts asked,
// accepted, reported, closed and removed, the difference between the rollups kept with
// `assists: credited` and with `lead_only` is exactly what a recount of the parts says: per unit's
// street and period, one 签收 per accepted part (on time by its own deadline) and one 办结 per
// reported part. Written event by event, so the rollups see every version of every order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventData, OrderEvent } from '../../contracts/events.js';
import { AssessmentConfig } from '../../contracts/metrics.js';
import { periodOf } from '../../src/domain/metrics/period.js';
import { measureFor } from '../../src/domain/sla/clocks.js';
import { stationCode } from '../../src/usecases/place-code.js';
import { dispatched, exampleCalendar, examplePolicy, order } from '../support/sla-fixtures.js';
import {
  countersOf,
  files,
  memoryStore,
  places,
  writeHistories,
} from '../support/rollup-histories.js';

const units = [
  'cuicheng-yiyuan-grid',
  'cuicheng-xinyuan-grid',
  'zhonglouwan-grid',
  'fatou-street',
  'bj-chaoyang-power-liaison',
];
const credited = AssessmentConfig.parse({ ...files.assessment, assists: 'credited' });
const leadOnly = AssessmentConfig.parse({ ...files.assessment, assists: 'lead_only' });
const COUNTERS = ['accepted', 'acceptedOnTime', 'resolved', 'resolvedOnTime'] as const;

/** ask: a unit for its part; accept, report, remove: the oldest open part they fit; close: all. */
type Step = { kind: 'ask'; unit: number } | { kind: 'accept' | 'report' | 'remove' | 'close' };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('ask' as const), unit: fc.nat(units.length - 1) }),
  fc.record({ kind: fc.constantFrom('accept' as const, 'report' as const) }),
  fc.record({ kind: fc.constantFrom('remove' as const, 'close' as const) }),
);
const plan: fc.Arbitrary<Plan> = fc.record({
  lead: fc.nat(units.length - 1),
  startHour: fc.nat(24 * 60),
  /** Minutes between steps: from well inside a part's 4 working hours to days past its deadline. */
  gaps: fc.array(fc.integer({ min: 5, max: 4 * 24 * 60 }), { minLength: 12, maxLength: 12 }),
  steps: fc.array(step, { maxLength: 12 }),
});

/** A plan as events the lifecycle allows (steps that do not fit are skipped). */
interface Plan {
  lead: number;
  startHour: number;
  gaps: number[];
  steps: Step[];
}
function eventsFor(i: number, p: Plan) {
  let t = Date.parse('2026-02-10T08:00:00+08:00') + p.startHour * 3_600_000;
  const lead = units[p.lead] ?? 'fatou-street';
  const out: { at: number; data: EventData }[] = [
    {
      at: t,
      data: {
        type: 'order.received',
        order: {
          ...order('2026-02-10T08:00:00'),
          receivedAt: new Date(t).toISOString(),
          id: `o${i}`,
          externalId: `E${i}`,
        },
      },
    },
    { at: t, data: dispatched(lead) },
  ];
  const open = new Map<string, 'requested' | 'accepted'>();
  p.steps.forEach((s, n) => {
    t += (p.gaps[n] ?? 60) * 60_000;
    const oldest = (status: 'requested' | 'accepted' | 'any') =>
      [...open].find(([, st]) => status === 'any' || st === status)?.[0];
    const unit =
      s.kind === 'ask'
        ? (units[s.unit] ?? lead)
        : (oldest(s.kind === 'accept' ? 'requested' : s.kind === 'report' ? 'accepted' : 'any') ??
          lead);
    const push = (data: EventData) => out.push({ at: t, data });
    if (s.kind === 'ask' && unit !== lead && !open.has(unit)) {
      push({ type: 'order.assist_requested', stationId: unit, stationName: unit });
      open.set(unit, 'requested');
    } else if (s.kind === 'accept' && open.get(unit) === 'requested') {
      push({ type: 'order.assist_accepted', stationId: unit });
      open.set(unit, 'accepted');
    } else if (s.kind === 'report' && open.get(unit) === 'accepted') {
      push({ type: 'order.assist_reported', stationId: unit, opinion: 'ok' });
      open.delete(unit);
    } else if (s.kind === 'remove' && open.has(unit)) {
      push({ type: 'order.assist_removed', stationId: unit, note: 'r' });
      open.delete(unit);
    } else if (s.kind === 'close' && open.size > 0) {
      for (const u of open.keys()) push({ type: 'order.assist_closed', stationId: u, note: 'c' });
      open.clear();
    }
  });
  return out;
}

/** The recount, from the histories and the policy's words alone (not the contribution code). */
function recount(histories: OrderEvent[][]) {
  const spec = examplePolicy.assists;
  if (!spec?.accept || !spec.resolve)
    throw new Error('the example policy gives parts their own targets');
  const acceptClock = measureFor(spec.accept.clock, exampleCalendar, examplePolicy.workingHours);
  const reportClock = measureFor(spec.resolve.clock, exampleCalendar, examplePolicy.workingHours);
  // 4 working hours from the request; 3 working days counted from the day after it, due at 24:00.
  const acceptDue = (asked: number) =>
    acceptClock.advance(asked, spec.accept!.amount * acceptClock.unitMs);
  const reportDue = (asked: number) =>
    reportClock.advance(
      exampleCalendar.startOfDay(exampleCalendar.dayOf(asked) + 1),
      spec.resolve!.amount * reportClock.unitMs,
    );
  const cells = new Map<string, Record<(typeof COUNTERS)[number], number>>();
  const add = (at: number, unit: string, name: (typeof COUNTERS)[number]) => {
    // A unit counts under the place it covers (a district-wide department: no street).
    const code = stationCode(places, unit) ?? '110105019040';
    const k = `${periodOf(at, credited, 480)}|${code.length >= 9 ? code.slice(0, 9) : ''}`;
    const c = cells.get(k) ?? { accepted: 0, acceptedOnTime: 0, resolved: 0, resolvedOnTime: 0 };
    c[name] += 1;
    cells.set(k, c);
  };
  for (const events of histories) {
    // A part removed by the dispatcher was withdrawn: it counts nothing, even if it was accepted.
    const asked = new Map<string, number>();
    let credits: { at: number; unit: string; name: (typeof COUNTERS)[number] }[] = [];
    for (const e of events) {
      const d = e.data;
      const at = Date.parse(e.at);
      if (d.type === 'order.assist_requested') asked.set(d.stationId, at);
      if (d.type === 'order.assist_removed') {
        const from = asked.get(d.stationId) ?? 0;
        credits = credits.filter((c) => c.unit !== d.stationId || c.at < from);
      }
      const from =
        'stationId' in d && d.stationId !== undefined ? asked.get(d.stationId) : undefined;
      if (from === undefined) continue;
      const unit = (d as { stationId: string }).stationId;
      const credit = (name: (typeof COUNTERS)[number]) => credits.push({ at, unit, name });
      if (d.type === 'order.assist_accepted') {
        credit('accepted');
        if (at <= acceptDue(from)) credit('acceptedOnTime');
      }
      if (d.type === 'order.assist_reported') {
        credit('resolved');
        if (at <= reportDue(from)) credit('resolvedOnTime');
      }
    }
    for (const c of credits) add(c.at, c.unit, c.name);
  }
  return cells;
}

describe('rollups credit assisting units as the assessment configuration says', () => {
  it('credited minus lead_only equals the recount of the parts, per street and period', async () => {
    const seen = { accepted: 0, late: 0, reported: 0, closedOrRemoved: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(plan, { minLength: 1, maxLength: 8 }), async (plans) => {
        const all = plans.map((p, i) => eventsFor(i, p));
        const [withParts, without] = [memoryStore(credited), memoryStore(leadOnly)];
        await writeHistories(withParts, all);
        await writeHistories(without, all);
        const histories: OrderEvent[][] = [];
        for (let i = 0; i < all.length; i++) histories.push(await withParts.events(`o${i}`));
        const expected = recount(histories);
        for (const evs of histories)
          for (const e of evs) {
            if (e.data.type === 'order.assist_closed' || e.data.type === 'order.assist_removed')
              seen.closedOrRemoved += 1;
          }
        for (const c of expected.values()) {
          seen.accepted += c.accepted;
          seen.late += c.accepted - c.acceptedOnTime + c.resolved - c.resolvedOnTime;
          seen.reported += c.resolved;
        }
        const periods = new Set(
          histories.flat().map((e) => periodOf(Date.parse(e.at), credited, 480)),
        );
        for (const period of periods) {
          const a = await countersOf(withParts, period, 'street');
          const b = await countersOf(without, period, 'street');
          for (const street of new Set([...a.keys(), ...b.keys()])) {
            const diff = Object.fromEntries(
              COUNTERS.map((n) => [n, (a.get(street)?.[n] ?? 0) - (b.get(street)?.[n] ?? 0)]),
            );
            const want = expected.get(`${period}|${street}`) ?? {
              accepted: 0,
              acceptedOnTime: 0,
              resolved: 0,
              resolvedOnTime: 0,
            };
            expect(diff, `${period} ${street}`).toEqual(want);
          }
          // Nothing else moves: received, callbacks and returns are the lead's alone.
          for (const [street, c] of a) {
            const other = b.get(street) ?? {};
            expect({
              received: c.received ?? 0,
              valid: c.valid ?? 0,
              returned: c.returned ?? 0,
            }).toEqual({
              received: other.received ?? 0,
              valid: other.valid ?? 0,
              returned: other.returned ?? 0,
            });
          }
        }
        // Every credited cell the recount knows of is in the rollups' streets (never dropped).
        for (const k of expected.keys()) {
          const [period, street] = k.split('|') as [string, string];
          const rows = await withParts.metrics.counters({ period }, 'street');
          expect(rows.map((r) => r.group)).toContain(street);
        }
        await withParts.close();
        await without.close();
      }),
      { numRuns: 40 },
    );
    // The comparison is not vacuous: parts were accepted, reported, late, closed and removed.
    expect(seen.accepted).toBeGreaterThan(0);
    expect(seen.reported).toBeGreaterThan(0);
    expect(seen.late).toBeGreaterThan(0);
    expect(seen.closedOrRemoved).toBeGreaterThan(0);
  }, 120_000);
});
