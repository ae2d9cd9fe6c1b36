// `npm run bench:metrics`: BENCH_ORDERS orders (default 1,000,000) with a realistic mix over twelve
// months across 300 streets (600 grid stations); prints p50/p99 of a month's figures for all streets
// (the ranking) and of a one-street drill-down, and the time to rebuild the rollups two ways: the full
// repair from the events (sla:repair) and the rollups alone from the stored views (rollups:rebuild),
// each per 1,000,000 orders against the aim of 60 s, and their ratio.
// Embedded SQLite file with synchronous=NORMAL for seeding speed; bounded; cleans up after itself.
// BENCH_CPU_PROF=<dir> writes a CPU profile of each rebuild only (test/bench/cpu-profile.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { EventData, NewEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { Gazetteer, StationDirectory } from '../../contracts/places.js';
import { buildPlaceIndex } from '../../src/domain/routing/place-index.js';
import { createMetricsEngine } from '../../src/usecases/metrics.js';
import { createSlaEngine } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { exampleCalendar, examplePolicy } from '../support/sla-fixtures.js';
import { fixture } from '../support/test-gateway.js';
import { profiled } from './cpu-profile.js';

const ORDERS = Number(process.env.BENCH_ORDERS ?? 1_000_000);
const dir = mkdtempSync(join(tmpdir(), 'hg-bench-metrics-'));

// A city of 10 districts × 30 streets × 2 communities, one grid station per community.
const places: Gazetteer['places'] = [
  { code: '990000', level: 'province', name: '基准省', aliases: [] },
  { code: '990100', level: 'city', name: '基准市', aliases: [], parent: '990000' },
];
const stations: StationDirectory['stations'] = [];
const communities: string[] = [];
for (let d = 1; d <= 10; d++) {
  const district = `9901${String(d).padStart(2, '0')}`;
  places.push({
    code: district,
    level: 'district',
    name: `第${d}区`,
    aliases: [],
    parent: '990100',
  });
  for (let s = 1; s <= 30; s++) {
    const street = `${district}${String(s).padStart(3, '0')}`;
    places.push({
      code: street,
      level: 'street',
      name: `第${d}区第${s}街道`,
      aliases: [],
      parent: district,
    });
    for (let c = 1; c <= 2; c++) {
      const community = `${street}${String(c).padStart(3, '0')}`;
      places.push({
        code: community,
        level: 'community',
        name: `第${d}区第${s}街道第${c}社区`,
        aliases: [],
        parent: street,
      });
      stations.push({
        id: `g-${community}`,
        name: `${community}网格站`,
        kind: 'grid',
        covers: [community],
      });
      communities.push(community);
    }
  }
}
const index = buildPlaceIndex({ places }, { stations, topicRules: [] });

const clock = { now: () => new Date('2026-04-01T00:00:00+08:00') };
const sla = createSlaEngine(examplePolicy, exampleCalendar, clock);
const assessment = {
  version: 'bench',
  weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 },
  basicallySatisfiedFactor: 0.9,
  period: { kind: 'calendar_month' as const },
  reopenOnUnsatisfied: 'when_attributed' as const,
};
const store = new SqliteOrderStore({
  path: join(dir, 'g.sqlite'),
  synchronous: 'normal',
  project: storeProjection({ sla, places: index, assessment }),
});
const metrics = createMetricsEngine(assessment, sla, index, store.metrics);

// Deterministic pseudo-random numbers (mulberry32), so runs are comparable.
let seed = 12345;
const rnd = () => {
  seed |= 0;
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const types = [
  'help',
  'help',
  'complaint',
  'complaint',
  'complaint',
  'consultation',
  'suggestion',
  'report',
  'praise',
  'other',
] as const;
const topics = [
  '市政设施',
  '供电',
  '排水',
  '房屋',
  '物业管理',
  '噪音',
  '供暖',
  '交通',
  '环境卫生',
  '教育',
  '医疗',
  '市场监管',
  '住房保障',
  '社会保障',
  '其他',
];
const base = fixture('01');
const start = Date.parse('2025-04-01T00:00:00+08:00');
const span = Date.parse('2026-04-01T00:00:00+08:00') - start - 20 * 86_400_000;

function history(i: number): NewEvent[] {
  const id = `ord_b${i}`;
  const received = start + Math.floor(rnd() * span);
  const community = pick(communities);
  const station = `g-${community}`;
  const order: CanonicalOrder = {
    ...base,
    id,
    source: 'bench',
    externalId: `B${i}`,
    type: pick(types),
    topic: [pick(topics)],
    caller: {},
    location: { divisionCode: community },
    receivedAt: new Date(received).toISOString(),
    urgency: rnd() < 0.03 ? 'emergency' : 'normal',
    attachments: [],
    extra: {},
  } as CanonicalOrder;
  const ev: [number, EventData][] = [
    [received, { type: 'order.received', order }],
    [
      received + 60_000,
      {
        type: 'order.dispatched',
        stationId: station,
        stationName: station,
        decision: {
          outcome: 'routed',
          rule: 'division_code',
          stationId: station,
          candidates: [],
          reason: 'bench',
        },
      },
    ],
  ];
  let t = received + 60_000;
  const later = (maxHours: number) => (t += Math.floor(rnd() * maxHours * 3_600_000) + 60_000);
  if (rnd() < 0.04)
    ev.push(
      [
        later(6),
        { type: 'order.returned', stationId: station, reason: 'wrong_area', note: '属地不符' },
      ],
      [
        later(4),
        {
          type: 'order.dispatched',
          stationId: station,
          stationName: station,
          decision: {
            outcome: 'routed',
            rule: 'manual',
            stationId: station,
            candidates: [],
            reason: 'bench',
          },
        },
      ],
    );
  if (rnd() < 0.97) ev.push([later(20), { type: 'order.accepted' }]);
  else
    return ev.map(([at, data]) => ({
      orderId: id,
      at: new Date(at).toISOString(),
      actor: { role: 'system', id: 'bench' },
      data,
    }));
  if (rnd() < 0.95) ev.push([later(30), { type: 'order.contacted' }]);
  if (rnd() < 0.05)
    ev.push([
      later(24),
      {
        type: 'order.extension_requested',
        reason: '协调',
        requestedDueAt: new Date(t + 10 * 86_400_000).toISOString(),
      },
    ]);
  if (rnd() < 0.9) {
    ev.push([later(150), { type: 'order.resolved', result: '已办结' }]);
    if (rnd() < 0.75) {
      const valid = rnd() < 0.85;
      const r = rnd();
      ev.push([
        later(30),
        {
          type: 'order.callback_recorded',
          valid,
          ...(valid
            ? {
                contacted: rnd() < 0.97,
                solved: rnd() < 0.85,
                satisfaction:
                  r < 0.82 ? 'satisfied' : r < 0.94 ? 'basically_satisfied' : 'unsatisfied',
              }
            : {}),
        },
      ]);
    }
  }
  return ev.map(([at, data]) => ({
    orderId: id,
    at: new Date(at).toISOString(),
    actor: { role: 'system', id: 'bench' },
    data,
  }));
}

const seedStarted = performance.now();
for (let i = 0; i < ORDERS; i += 5000) {
  const batch: Promise<unknown>[] = [];
  for (let j = i; j < Math.min(ORDERS, i + 5000); j++) {
    batch.push(
      store.submit({
        orderId: `ord_b${j}`,
        source: 'bench',
        externalId: `B${j}`,
        bodyHash: '',
        raw: {
          contentType: 'application/json',
          body: new Uint8Array(0),
          receivedAt: new Date(start).toISOString(),
        },
        events: history(j),
      }),
    );
  }
  await Promise.all(batch);
  if (i % 100_000 === 0) process.stderr.write(`seeded ${i}\n`);
}
const seedS = (performance.now() - seedStarted) / 1000;

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? NaN;
};
async function timeIt(n: number, fn: (i: number) => Promise<unknown>) {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

const month = '2026-01';
const ranking = await metrics.ranking(month, 'street');
const all = await timeIt(100, () => metrics.ranking(month, 'street'));
const streets = ranking.rows.map((r) => r.code);
const drill = await timeIt(300, (i) =>
  metrics.figures({ period: month, street: streets[i % streets.length] ?? '' }),
);
const rebuildStarted = performance.now();
const repaired = await profiled('metrics-rebuild', () => store.repair());
const rebuildS = (performance.now() - rebuildStarted) / 1000;
const after = await metrics.ranking(month, 'street');
// The rollups alone from the stored views (npm run rollups:rebuild, after an assessment change).
const rollupsStarted = performance.now();
const resummed = await profiled('metrics-rollups-rebuild', () => store.rebuildRollups());
const rollupsS = (performance.now() - rollupsStarted) / 1000;
const afterRollups = await metrics.ranking(month, 'street');
await store.close();
rmSync(dir, { recursive: true, force: true });

const f = (n: number) => n.toFixed(2);
console.log(
  `metrics bench: ${ORDERS.toLocaleString()} orders over 12 months, ${streets.length} streets with orders in ${month}, 600 stations (seeded in ${seedS.toFixed(1)} s)`,
);
console.log(
  `top street ${ranking.rows[0]?.name}: composite ${ranking.rows[0]?.composite}, ${ranking.rows[0]?.validCallbacks} valid callbacks`,
);
console.log(
  `month, all streets (ranking): p50 ${f(pct(all, 0.5))} ms, p99 ${f(pct(all, 0.99))} ms over ${all.length} runs`,
);
console.log(
  `month, one street (figures):  p50 ${f(pct(drill, 0.5))} ms, p99 ${f(pct(drill, 0.99))} ms over ${drill.length} runs`,
);
console.log(
  `rebuild rollups from events: ${repaired.orders.toLocaleString()} orders in ${rebuildS.toFixed(1)} s; ranking unchanged after rebuild: ${JSON.stringify(after.rows) === JSON.stringify(ranking.rows)}`,
);
// Both rebuilds are linear in the orders (batches by n, sums in memory): extrapolated to 1,000,000.
const perMillion = (seconds: number, orders: number) => (seconds * 1_000_000) / Math.max(1, orders);
const fullPerM = perMillion(rebuildS, repaired.orders);
const rollupsPerM = perMillion(rollupsS, resummed.orders);
console.log(
  `rebuild rollups only from stored views: ${resummed.orders.toLocaleString()} orders in ${rollupsS.toFixed(1)} s; ranking unchanged: ${JSON.stringify(afterRollups.rows) === JSON.stringify(ranking.rows)}`,
);
console.log(
  `rebuild per 1,000,000 orders: full repair ${fullPerM.toFixed(1)} s, rollups only ${rollupsPerM.toFixed(1)} s (aim < 60 s: ${rollupsPerM < 60 ? 'met' : 'missed'}); rollups only is ${(fullPerM / Math.max(1e-9, rollupsPerM)).toFixed(1)}x faster`,
);
console.log(
  `metrics_month_all_streets_p99_ms=${f(pct(all, 0.99))} rebuild_full_s_per_1m=${fullPerM.toFixed(1)} rebuild_rollups_s_per_1m=${rollupsPerM.toFixed(1)} rebuild_full_over_rollups=${(fullPerM / Math.max(1e-9, rollupsPerM)).toFixed(2)}`,
);
