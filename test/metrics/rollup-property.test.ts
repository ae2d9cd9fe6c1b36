// Property: whatever happens to orders, in whatever order and however often they change, the rollups
// answer exactly what a brute-force recount over the final event histories answers.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { EventData, OrderEvent } from '../../contracts/events.js';
import { AssessmentConfig } from '../../contracts/metrics.js';
import { periodOf } from '../../src/domain/metrics/period.js';
import { rates } from '../../src/domain/metrics/figures.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { stationCode } from '../../src/usecases/place-code.js';
import { order } from '../support/sla-fixtures.js';
import {
  countersOf,
  files,
  memoryStore,
  places,
  slaAfterHistories,
  writeHistories,
} from '../support/rollup-histories.js';

const stations = [
  'cuicheng-yiyuan-grid',
  'cuicheng-xinyuan-grid',
  'zhonglouwan-grid',
  'shaoguang-grid',
  'fatou-street',
];
const config19 = AssessmentConfig.parse({
  ...files.assessment,
  period: { kind: 'offset_month', startDay: 19 },
});

type Step =
  | { kind: 'return'; to: number; legacy: boolean }
  | { kind: 'review'; accept: boolean; to: number }
  | { kind: 'work' }
  | { kind: 'callback'; valid: boolean; contacted: boolean; solved: boolean; sat: 0 | 1 | 2 }
  | { kind: 'reopen' }
  | { kind: 'unlink' };

const step = fc.oneof(
  fc.record({
    kind: fc.constant('return' as const),
    to: fc.nat(stations.length - 1),
    legacy: fc.boolean(),
  }),
  fc.record({
    kind: fc.constant('review' as const),
    accept: fc.boolean(),
    to: fc.nat(stations.length - 1),
  }),
  fc.record({ kind: fc.constant('work' as const) }),
  fc.record({
    kind: fc.constant('callback' as const),
    valid: fc.boolean(),
    contacted: fc.boolean(),
    solved: fc.boolean(),
    sat: fc.constantFrom(0 as const, 1 as const, 2 as const),
  }),
  fc.record({ kind: fc.constant('reopen' as const) }),
  fc.record({ kind: fc.constant('unlink' as const) }),
);
const plan = fc.record({
  station: fc.nat(stations.length - 1),
  startHour: fc.nat(24 * 75),
  gapHours: fc.integer({ min: 1, max: 90 }),
  steps: fc.array(step, { maxLength: 8 }),
  type: fc.constantFrom('help', 'complaint', 'consultation' as const),
  /** 重复件: the order joins o0 instead of being dispatched (never o0 itself). */
  repeat: fc.boolean(),
});

/** Turns a plan into events the lifecycle allows (skipping steps that do not fit the state). */
function eventsFor(
  i: number,
  p: {
    station: number;
    startHour: number;
    gapHours: number;
    steps: Step[];
    type: 'help' | 'complaint' | 'consultation';
    repeat: boolean;
  },
): { at: number; data: EventData }[] {
  const start = Date.parse('2026-02-10T08:00:00+08:00') + p.startHour * 3_600_000;
  let t = start;
  const next = () => (t += p.gapHours * 3_600_000);
  const o = {
    ...order(new Date(start + 8 * 3_600_000).toISOString().slice(0, 19), { type: p.type }),
    id: `o${i}`,
    externalId: `E${i}`,
  };
  let station = stations[p.station] ?? 'fatou-street';
  const repeat = p.repeat && i > 0;
  const out: { at: number; data: EventData }[] = [
    { at: start, data: { type: 'order.received', order: o } },
    repeat
      ? { at: start, data: { type: 'order.duplicate_linked', leadId: 'o0', reason: 'p' } }
      : {
          at: start,
          data: {
            type: 'order.dispatched',
            stationId: station,
            stationName: station,
            decision: {
              outcome: 'routed',
              rule: 'manual',
              stationId: station,
              candidates: [],
              reason: 'p',
            },
          },
        },
  ];
  const dispatchTo = (to: string): EventData => ({
    type: 'order.dispatched',
    stationId: to,
    stationName: to,
    decision: { outcome: 'routed', rule: 'manual', stationId: to, candidates: [], reason: 'p' },
  });
  let state: 'dispatched' | 'returned' | 'resolved' | 'closed' | 'duplicate' = repeat
    ? 'duplicate'
    : 'dispatched';
  // A reopen goes back to the station that held the order: a repeat never held cannot be reopened.
  let held = !repeat;
  for (const s of p.steps) {
    if (s.kind === 'work' && state === 'duplicate') {
      // Resolved with its lead; its own callback survey follows.
      out.push({ at: next(), data: { type: 'order.resolved', result: '并案办结' } });
      state = 'resolved';
    } else if (s.kind === 'unlink' && state === 'duplicate') {
      out.push({
        at: next(),
        data: { type: 'order.duplicate_unlinked', leadId: 'o0', note: 'u' },
      });
      out.push({ at: next(), data: dispatchTo(station) });
      state = 'dispatched';
      held = true;
    } else if (s.kind === 'return' && state === 'dispatched' && !s.legacy) {
      // 退单审核: the return waits for a review step (or for ever, if none comes).
      out.push({
        at: next(),
        data: {
          type: 'order.returned',
          stationId: station,
          reason: 'not_our_duty',
          note: 'x',
          awaitsReview: true,
        },
      });
      state = 'returned';
    } else if (s.kind === 'review' && state === 'returned') {
      if (s.accept) {
        const to = stations[s.to] === station ? 'fatou-street' : (stations[s.to] ?? 'fatou-street');
        out.push({
          at: next(),
          data: { type: 'order.return_accepted', stationId: station },
        });
        out.push({ at: next(), data: dispatchTo(to) });
        station = to;
      } else {
        out.push({
          at: next(),
          data: {
            type: 'order.return_rejected',
            stationId: station,
            stationName: station,
            note: 'n',
          },
        });
      }
      state = 'dispatched';
    } else if (s.kind === 'return' && state === 'dispatched') {
      const to = stations[s.to] ?? station;
      out.push({
        at: next(),
        data: { type: 'order.returned', stationId: station, reason: 'not_our_duty', note: 'x' },
      });
      station = to;
      out.push({
        at: next(),
        data: {
          type: 'order.dispatched',
          stationId: to,
          stationName: to,
          decision: {
            outcome: 'routed',
            rule: 'manual',
            stationId: to,
            candidates: [],
            reason: 'p',
          },
        },
      });
    } else if (s.kind === 'work' && state === 'dispatched') {
      out.push(
        { at: next(), data: { type: 'order.accepted' } },
        { at: next(), data: { type: 'order.contacted' } },
        { at: next(), data: { type: 'order.resolved', result: 'ok' } },
      );
      state = 'resolved';
    } else if (s.kind === 'callback' && state === 'resolved') {
      out.push({
        at: next(),
        data: {
          type: 'order.callback_recorded',
          valid: s.valid,
          ...(s.valid
            ? {
                contacted: s.contacted,
                solved: s.solved,
                satisfaction: (['satisfied', 'basically_satisfied', 'unsatisfied'] as const)[s.sat],
              }
            : {}),
        },
      });
      state = 'closed';
    } else if (s.kind === 'reopen' && held && (state === 'resolved' || state === 'closed')) {
      out.push({
        at: next(),
        data: { type: 'order.reopened', reason: 'r', stationId: station, stationName: station },
      });
      state = 'dispatched';
    }
  }
  return out;
}

/** The recount: straight from the event histories, without the rollups' contribution code. */
function bruteForce(histories: OrderEvent[][], config: AssessmentConfig) {
  // 重复件: counted once (default), a repeat still linked to its lead counts nowhere; counted each,
  // a repeat no station ever held counts under the place it was about.
  const linked = (events: OrderEvent[]) => {
    let on = false;
    for (const e of events) {
      if (e.data.type === 'order.duplicate_linked') on = true;
      if (e.data.type === 'order.duplicate_unlinked' || e.data.type === 'order.reopened')
        on = false;
    }
    return on;
  };
  const cells = new Map<
    string,
    {
      valid: number;
      contacted: number;
      solved: number;
      satisfied: number;
      basic: number;
      received: number;
      returned: number;
      returnsPending: number;
      returnsAccepted: number;
      returnsRejected: number;
    }
  >();
  const cell = (period: string, street: string) => {
    const k = `${period}|${street}`;
    let c = cells.get(k);
    if (!c) {
      c = {
        valid: 0,
        contacted: 0,
        solved: 0,
        satisfied: 0,
        basic: 0,
        received: 0,
        returned: 0,
        returnsPending: 0,
        returnsAccepted: 0,
        returnsRejected: 0,
      };
      cells.set(k, c);
    }
    return c;
  };
  for (const events of histories) {
    if (config.duplicates !== 'each' && linked(events)) continue;
    const received = events[0]?.data;
    const place = received?.type === 'order.received' ? received.order.location.divisionCode : '';
    const streetOf = (station: string | undefined) =>
      (stationCode(places, station ?? '') ?? place ?? '').slice(0, 9);
    let cycle = 1;
    const stationOf = new Map<number, string>();
    for (const e of events) {
      if (e.data.type === 'order.reopened') {
        cycle += 1;
        stationOf.set(cycle, e.data.stationId);
      }
      if (e.data.type === 'order.dispatched') stationOf.set(cycle, e.data.stationId);
      if (e.data.type === 'order.return_rejected') stationOf.set(cycle, e.data.stationId);
      if (e.data.type === 'order.callback_recorded' && e.data.valid) {
        const c = cell(periodOf(Date.parse(e.at), config, 480), streetOf(stationOf.get(cycle)));
        c.valid += 1;
        if (e.data.contacted) c.contacted += 1;
        if (e.data.solved) c.solved += 1;
        if (e.data.satisfaction === 'satisfied') c.satisfied += 1;
        if (e.data.satisfaction === 'basically_satisfied') c.basic += 1;
      }
    }
    // Received orders count under the station that ended up holding the first cycle (after any 改派).
    const first = events.find((e) => e.data.type === 'order.received');
    if (first?.data.type === 'order.received') {
      const c = cell(
        periodOf(Date.parse(first.data.order.receivedAt), config, 480),
        streetOf(stationOf.get(1)),
      );
      c.received += 1;
      if (events.some((e) => e.data.type === 'order.returned')) c.returned += 1;
    }
    // 退单审核: each reviewed return under the returning station, in the period it was returned,
    // by the decision that followed it (none yet: awaiting review).
    events.forEach((e, i) => {
      if (e.data.type !== 'order.returned' || e.data.awaitsReview !== true) return;
      const c = cell(
        periodOf(Date.parse(e.at), config, 480),
        (stationCode(places, e.data.stationId) ?? '').slice(0, 9),
      );
      const decision = events
        .slice(i + 1)
        .find(
          (x) => x.data.type === 'order.return_accepted' || x.data.type === 'order.return_rejected',
        );
      if (decision === undefined) c.returnsPending += 1;
      else if (decision.data.type === 'order.return_accepted') c.returnsAccepted += 1;
      else c.returnsRejected += 1;
    });
  }
  return cells;
}

describe('rollups equal a brute-force recount', () => {
  for (const [label, config] of [
    ['calendar months', files.assessment],
    ['19th-to-18th periods', config19],
    ['repeats counted each', AssessmentConfig.parse({ ...files.assessment, duplicates: 'each' })],
  ] as const) {
    it(`for random histories (${label})`, async () => {
      // The review counters are compared in earnest: some runs must have had each outcome.
      const seen = { pending: 0, accepted: 0, rejected: 0, repeats: 0 };
      await fc.assert(
        fc.asyncProperty(
          fc.array(plan, { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          async (plans, interleave) => {
            const store = memoryStore(config);
            const all = plans.map((p, i) => eventsFor(i, p));
            const written: OrderEvent[][] = all.map(() => []);
            await writeHistories(store, all, interleave);
            for (let i = 0; i < all.length; i++) written[i] = await store.events(`o${i}`);
            const expected = bruteForce(written, config);
            seen.repeats += written.filter((evs) =>
              evs.some((e) => e.data.type === 'order.duplicate_linked'),
            ).length;
            // Every plan makes an order, so the recount is never empty and the comparison never vacuous.
            expect(expected.size).toBeGreaterThan(0);
            for (const c of expected.values()) {
              seen.pending += c.returnsPending;
              seen.accepted += c.returnsAccepted;
              seen.rejected += c.returnsRejected;
            }
            const periods = new Set([...expected.keys()].map((k) => k.split('|')[0] ?? ''));
            for (const period of periods) {
              const got = await countersOf(store, period, 'street');
              // Both ways: no street in the rollups that the recount does not know of.
              const known = new Set(
                [...expected.keys()]
                  .filter((k) => k.startsWith(`${period}|`))
                  .map((k) => k.slice(period.length + 1)),
              );
              for (const [street, c] of got)
                if (
                  c.received ||
                  c.valid ||
                  c.returnsPending ||
                  c.returnsAccepted ||
                  c.returnsRejected
                )
                  expect(known.has(street), `unexpected street ${street} in ${period}`).toBe(true);
              for (const [k, want] of expected) {
                const [p, street] = k.split('|') as [string, string];
                if (p !== period) continue;
                const c = got.get(street) ?? {};
                expect({
                  valid: c.valid ?? 0,
                  contacted: c.contacted ?? 0,
                  solved: c.solved ?? 0,
                  satisfied: c.satisfied ?? 0,
                  basic: c.basic ?? 0,
                  received: c.received ?? 0,
                  returned: c.returned ?? 0,
                  returnsPending: c.returnsPending ?? 0,
                  returnsAccepted: c.returnsAccepted ?? 0,
                  returnsRejected: c.returnsRejected ?? 0,
                }).toEqual(want);
                expect(rates(c, config)).toEqual(rates(want, config));
              }
            }
            await store.close();
          },
        ),
        { numRuns: 60 },
      );
      expect(seen.pending).toBeGreaterThan(0);
      expect(seen.accepted).toBeGreaterThan(0);
      expect(seen.rejected).toBeGreaterThan(0);
      expect(seen.repeats).toBeGreaterThan(0);
    }, 60_000);
  }
});

/** Every rollup table (and the orders table) of a store file, row by row in a stable order. */
function tablesOf(path: string): Record<string, string[]> {
  const db = new Database(path, { readonly: true });
  try {
    return Object.fromEntries(
      [
        'contributions',
        'rollup_counts',
        'rollup_hist',
        'rollup_station_counts',
        'rollup_station_hist',
        'orders',
      ].map((t) => [
        t,
        db
          .prepare(`SELECT * FROM ${t}`)
          .all()
          .map((r) => JSON.stringify(r))
          .sort(),
      ]),
    );
  } finally {
    db.close();
  }
}

const configs = [
  files.assessment,
  config19,
  AssessmentConfig.parse({ ...files.assessment, duplicates: 'each' }),
];

describe('after an assessment change, the rollups-only rebuild', () => {
  it('writes exactly the rollups the full repair writes, and touches no order', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-rollups-rebuild-'));
    // A change that moved the rollups must have been seen, so the equality is not a vacuous one.
    let moved = 0;
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(plan, { minLength: 1, maxLength: 12 }),
          fc.boolean(),
          fc.nat(configs.length - 1),
          fc.nat(configs.length - 1),
          fc.boolean(),
          async (plans, interleave, from, to, archive) => {
            const sla = slaAfterHistories();
            const projection = (i: number) =>
              storeProjection({ sla, places, assessment: configs[i] ?? files.assessment });
            const run = mkdtempSync(join(dir, 'run-'));
            const written = join(run, 'written.sqlite');
            const store = new SqliteOrderStore({
              path: written,
              synchronous: 'normal',
              project: projection(from),
            });
            await writeHistories(
              store,
              plans.map((p, i) => eventsFor(i, p)),
              interleave,
            );
            // Archived orders count with their final contribution: both rebuilds must keep it.
            if (archive) store.archiveClosed(Date.parse('2026-04-15T00:00:00+08:00'));
            await store.close();
            const before = tablesOf(written);

            const full = join(run, 'full.sqlite');
            const fast = join(run, 'fast.sqlite');
            copyFileSync(written, full);
            copyFileSync(written, fast);
            const repaired = new SqliteOrderStore({ path: full, project: projection(to) });
            // Only the assessment changed: the full repair moves no SLA figure…
            expect((await repaired.repair()).changes).toEqual([]);
            await repaired.close();
            const rebuilt = new SqliteOrderStore({ path: fast, project: projection(to) });
            expect((await rebuilt.rebuildRollups()).orders).toBe(before.orders?.length);
            await rebuilt.close();

            const after = tablesOf(fast);
            expect(after).toEqual(tablesOf(full));
            // …and the rollups-only rebuild leaves every order row as it was.
            expect(after.orders).toEqual(before.orders);
            if (JSON.stringify(after) !== JSON.stringify(before)) moved += 1;
            rmSync(run, { recursive: true, force: true });
          },
        ),
        { numRuns: 30 },
      );
      expect(moved).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
