// A rebuild (beginBulk … endBulk, sums gathered in memory and written many rows per statement)
// leaves exactly the tables that applying every order's versions one by one leaves: the same
// counters, histograms and stored contributions, for random contributions of random orders.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counterNames, type Contribution } from '../../src/domain/metrics/contribution.js';
import { SqliteRollups } from './sqlite-rollups.js';

const cell: fc.Arbitrary<Contribution> = fc.record({
  period: fc.constantFrom('2026-01', '2026-02', '2026-03'),
  district: fc.constantFrom('440103', '440104'),
  street: fc.constantFrom('440103001', '440103002', '440104001'),
  station: fc.constantFrom('s-a', 's-b', 's-c', ''),
  type: fc.constantFrom('complaint', 'help'),
  topic: fc.constantFrom('供电', '噪音', ''),
  counters: fc.dictionary(fc.constantFrom(...counterNames), fc.integer({ min: 0, max: 3 }), {
    maxKeys: 5,
  }),
  hist: fc.array(
    fc.record({
      kind: fc.constantFrom('resp' as const, 'res' as const),
      bucket: fc.integer({ min: 0, max: 40 }),
      n: fc.constant(1),
    }),
    { maxLength: 2 },
  ),
});
/** Each order's versions, oldest first: the last one is what a rebuild recomputes. */
const orders = fc.array(
  fc.array(fc.array(cell, { maxLength: 3 }), { minLength: 1, maxLength: 4 }),
  {
    minLength: 1,
    maxLength: 600,
  },
);

/** Each table and the columns that hold sums (a row whose sums are all zero counts nothing). */
const tables: [string, readonly string[]][] = [
  ['contributions', []],
  ['rollup_counts', counterNames],
  ['rollup_hist', ['n']],
  ['rollup_station_counts', counterNames],
  ['rollup_station_hist', ['n']],
];
/** Every table's rows in a stable order, leaving out rows that count nothing. */
const dump = (db: Database.Database) =>
  Object.fromEntries(
    tables.map(([t, sums]) => [
      t,
      (db.prepare(`SELECT * FROM ${t}`).all() as Record<string, unknown>[])
        .filter((r) => sums.length === 0 || sums.some((c) => r[c] !== 0))
        .map((r) => JSON.stringify(r))
        .sort(),
    ]),
  );

describe('rollup rebuild in bulk', () => {
  it('writes what applying every version one by one writes', () => {
    fc.assert(
      fc.property(orders, fc.nat(5), (versions, frozenCount) => {
        const frozen = versions.slice(0, frozenCount).map((v) => v.at(-1) ?? []);
        const live = versions.slice(frozenCount);

        const stepwise = new Database(':memory:');
        const one = new SqliteRollups(stepwise);
        stepwise.transaction(() => {
          for (const cells of frozen) one.addFrozen(cells);
          live.forEach((vs, i) => vs.forEach((cells, v) => one.apply(`o${i}`, cells, v === 0)));
        })();

        const rebuilt = new Database(':memory:');
        const bulk = new SqliteRollups(rebuilt);
        // Something to clear first, as a real rebuild has.
        rebuilt.transaction(() => live.forEach((vs, i) => bulk.apply(`o${i}`, vs[0] ?? [])))();
        rebuilt.transaction(() => bulk.clearAll())();
        bulk.beginBulk();
        for (const cells of frozen) bulk.addFrozen(cells);
        // In batches, each its own transaction, as the repair reads the orders.
        for (let from = 0; from < live.length; from += 250)
          rebuilt.transaction(() =>
            live
              .slice(from, from + 250)
              .forEach((vs, k) => bulk.apply(`o${from + k}`, vs.at(-1) ?? [])),
          )();
        rebuilt.transaction(() => bulk.endBulk())();

        expect(dump(rebuilt)).toEqual(dump(stepwise));
        stepwise.close();
        rebuilt.close();
      }),
      { numRuns: 40 },
    );
  });
});
