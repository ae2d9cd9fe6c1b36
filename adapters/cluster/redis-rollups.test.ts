// The Redis rollups pass the shared MetricsStore contract (figures counted by hand), and answer
// exactly what the embedded SQLite rollups answer: the same random sequences of order contributions
// (orders changing many times, cells moving between periods, districts and stations) are applied to
// both, and every filter and grouping must agree.
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteRollups } from '../embedded/sqlite-rollups.js';
import { counterNames, type Contribution } from '../../src/domain/metrics/contribution.js';
import type { MetricsFilter } from '../../src/ports/metrics-store.js';
import { describeMetricsStoreContract } from '../../test/contracts/metrics-store.contract.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import { RedisRollups } from './redis-rollups.js';

let server: TestRedis;
let redis: Redis;
beforeAll(async () => {
  server = await startTestRedis();
  redis = new Redis(server.url);
});
afterAll(async () => {
  redis.disconnect();
  await server.stop();
});

let contracts = 0;
describeMetricsStoreContract('Redis', async () => {
  const prefix = `contract${++contracts}:`;
  const own = new Redis(server.url);
  const rollups = new RedisRollups(own, prefix);
  return {
    store: rollups,
    apply: (orderId, cells) => rollups.apply(orderId, cells),
    close: async () => {
      const keys = await own.keys(`${prefix}*`);
      if (keys.length > 0) await own.del(...keys);
      own.disconnect();
    },
  };
});

const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);
const periods = ['2026-02', '2026-03'] as const;
const districts = ['110105', '110101'] as const;
const streets = ['110105019', '110105020', '110101004'] as const;
const stations = ['a', 'b', 'c'] as const;
const types = ['help', 'complaint'] as const;
const topics = ['供电', '路灯'] as const;

const cell: fc.Arbitrary<Contribution> = fc.record({
  period: pick(periods),
  district: pick(districts),
  street: pick(streets),
  station: pick(stations),
  type: pick(types),
  topic: pick(topics),
  counters: fc.dictionary(
    pick(counterNames),
    fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 5000 })),
    { maxKeys: 5 },
  ),
  hist: fc.array(
    fc.record({
      kind: pick(['resp', 'res'] as const),
      bucket: fc.integer({ min: 0, max: 30 }),
      n: fc.integer({ min: 1, max: 3 }),
    }),
    { maxLength: 3 },
  ),
});
const changes = fc.array(
  fc.record({ order: fc.integer({ min: 1, max: 6 }), cells: fc.array(cell, { maxLength: 3 }) }),
  { minLength: 1, maxLength: 25 },
);
const filter: fc.Arbitrary<MetricsFilter> = fc.record({
  period: pick(periods),
  district: fc.option(pick(districts), { nil: undefined }),
  street: fc.option(pick(streets), { nil: undefined }),
  station: fc.option(pick(stations), { nil: undefined }),
  types: fc.option(fc.subarray([...types]), { nil: undefined }),
  topic: fc.option(pick(topics), { nil: undefined }),
});

const sorted = <T extends { group: string }>(rows: T[]) =>
  [...rows].sort((x, y) => x.group.localeCompare(y.group));

describe('RedisRollups', () => {
  it('agrees with the SQLite rollups on every filter and grouping', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        changes,
        fc.array(filter, { minLength: 1, maxLength: 4 }),
        async (steps, filters) => {
          const sqlite = new SqliteRollups(new Database(':memory:'));
          const rollups = new RedisRollups(redis, `prop${++run}:`);
          for (const s of steps) {
            sqlite.apply(`o${s.order}`, s.cells);
            await rollups.apply(`o${s.order}`, s.cells);
          }
          for (const f of filters) {
            for (const by of [undefined, 'district', 'street', 'station', 'type'] as const) {
              expect(sorted(await rollups.counters(f, by))).toEqual(
                sorted(await sqlite.counters(f, by)),
              );
            }
            for (const kind of ['resp', 'res'] as const)
              expect(await rollups.histogram(f, kind)).toEqual(await sqlite.histogram(f, kind));
          }
        },
      ),
      { numRuns: 60 },
    );
  }, 60_000);
});
