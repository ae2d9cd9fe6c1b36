// `npm run bench:scale`: years of a city in the embedded store. Grows one SQLite file to each size in
// BENCH_SCALE_SIZES (orders, comma-separated; default 100000,500000; the 500000,2000000,
// 5000000 on request: about 4 KB per order on disk) with realistic histories over two years, bulk-
// loaded through the store (not HTTP), and at each size prints: intake orders/s (the store's group
// commit, 50 submissions in flight, synchronous=FULL), a station inbox page, the admin list (a page
// at a random cursor), an order's timeline, a month's figures for all streets, the sweeper's idle
// tick (p50/p99 each), bytes per order on disk and the start-up time (open + migrations + first
// reads). Then retention: closed orders older than BENCH_SCALE_ARCHIVE_DAYS (365) are archived
// (src/usecases/archive.ts) and the same reads are timed again against the smaller hot store.
// A city of 10 districts × 30 streets × 2 communities (600 grid stations). Temp dir; cleans up.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { EventData, NewEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { Gazetteer, StationDirectory } from '../../contracts/places.js';
import type { Submission } from '../../src/ports/order-store.js';
import { buildPlaceIndex } from '../../src/domain/routing/place-index.js';
import { archiveClosedOrders } from '../../src/usecases/archive.js';
import { createMetricsEngine } from '../../src/usecases/metrics.js';
import { createSlaEngine, sweepSla } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { exampleCalendar, examplePolicy } from '../support/sla-fixtures.js';
import { fixture } from '../support/test-gateway.js';

const sizes = (process.env.BENCH_SCALE_SIZES ?? '100000,500000')
  .split(',')
  .map((s) => Number(s.trim()))
  .filter((n) => Number.isInteger(n) && n > 0)
  .sort((a, b) => a - b);
if (sizes.length === 0)
  throw new Error('BENCH_SCALE_SIZES: a comma-separated list of order counts');
const archiveDays = Number(process.env.BENCH_SCALE_ARCHIVE_DAYS ?? 365);
const dir = mkdtempSync(join(tmpdir(), 'hg-bench-scale-'));
const path = join(dir, 'gateway.sqlite');

// The city.
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
      const code = `${street}${String(c).padStart(3, '0')}`;
      places.push({
        code,
        level: 'community',
        name: `第${d}区第${s}街道第${c}社区`,
        aliases: [],
        parent: street,
      });
      stations.push({ id: `g-${code}`, name: `${code}网格站`, kind: 'grid', covers: [code] });
      communities.push(code);
    }
  }
}
const index = buildPlaceIndex({ places }, { stations, topicRules: [] });
// Orders arrive in time order: the largest size spans BENCH_SCALE_YEARS (2) up to 2026-04-01, and a
// smaller size is the same city earlier on (the clock stands just after its last order).
const years = Number(process.env.BENCH_SCALE_YEARS ?? 2);
const endMs = Date.parse('2026-04-01T10:00:00+08:00');
const startMs0 = endMs - years * 365 * 86_400_000;
const spacing = (endMs - startMs0) / (sizes.at(-1) ?? 1);
const arrival = (i: number) => Math.floor(startMs0 + i * spacing);
let clockMs = endMs;
const clock = { now: () => new Date(clockMs) };
const sla = createSlaEngine(examplePolicy, exampleCalendar, clock);
const assessment = {
  version: 'bench',
  weights: { response: 0.1, resolution: 0.5, satisfaction: 0.4 },
  basicallySatisfiedFactor: 0.9,
  period: { kind: 'calendar_month' as const },
  reopenOnUnsatisfied: 'when_attributed' as const,
};
let store: SqliteOrderStore;
const project = storeProjection({ sla, places: index, assessment });
const open = (synchronous: 'full' | 'normal') =>
  new SqliteOrderStore({ path, synchronous, project });

// Deterministic randomness (mulberry32), so runs compare.
let seed = 4242;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
const types = ['help', 'complaint', 'complaint', 'consultation', 'suggestion', 'report'] as const;
const topics = ['市政设施', '供电', '排水', '房屋', '物业管理', '噪音', '供暖', '交通', '环境卫生'];
const base = fixture('01');
const rawBody = new TextEncoder().encode(JSON.stringify(base));

/** One order's history up to the clock; orders older than 20 days have run to the callback. */
function submission(i: number, receivedMs = arrival(i)): Submission {
  const nowMs = clockMs;
  const id = `ord_s${i}`;
  const community = pick(communities);
  const station = `g-${community}`;
  const order = {
    ...base,
    id,
    source: 'bench',
    externalId: `S${i}`,
    type: pick(types),
    topic: [pick(topics)],
    location: { divisionCode: community },
    receivedAt: new Date(receivedMs).toISOString(),
    urgency: rnd() < 0.03 ? 'emergency' : 'normal',
  } as CanonicalOrder;
  let t = receivedMs + 60_000;
  const steps: [number, EventData][] = [
    [receivedMs, { type: 'order.received', order }],
    [
      t,
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
  const later = (maxHours: number) => (t += Math.floor(rnd() * maxHours * 3_600_000) + 60_000);
  const age = nowMs - receivedMs;
  // Recent orders stop somewhere along the way (the live inboxes); older ones are closed.
  const stopAt = age < 20 * 86_400_000 ? Math.floor(rnd() * 5) : 5;
  if (stopAt > 0) steps.push([later(6), { type: 'order.accepted' }]);
  if (stopAt > 1) steps.push([later(12), { type: 'order.contacted', method: 'phone' }]);
  if (stopAt > 2) steps.push([later(12), { type: 'order.work_started' }]);
  if (stopAt > 3)
    steps.push([later(120), { type: 'order.resolved', result: '已办结', reply: '已办结' }]);
  if (stopAt > 4)
    steps.push([
      later(24),
      {
        type: 'order.callback_recorded',
        valid: true,
        contacted: true,
        solved: true,
        satisfaction: rnd() < 0.9 ? 'satisfied' : 'unsatisfied',
      },
    ]);
  const events: NewEvent[] = steps
    .filter(([at]) => at <= nowMs)
    .map(([at, data]) => ({
      orderId: id,
      at: new Date(at).toISOString(),
      actor: { role: 'system', id: 'bench' },
      data,
    }));
  return {
    orderId: id,
    source: 'bench',
    externalId: `S${i}`,
    bodyHash: '',
    raw: { contentType: 'application/json', body: rawBody, receivedAt: events[0]?.at ?? '' },
    events,
  };
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};
async function timed(
  n: number,
  fn: (i: number) => Promise<unknown>,
): Promise<{ p50: number; p99: number }> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return { p50: pct(out, 0.5), p99: pct(out, 0.99) };
}
const fileBytes = () =>
  ['', '-wal'].reduce((sum, s) => {
    try {
      return sum + statSync(path + s).size;
    } catch {
      return sum;
    }
  }, 0);
const usedBytes = () => {
  const db = new Database(path, { readonly: true });
  try {
    const pages = Number(db.pragma('page_count', { simple: true }));
    const free = Number(db.pragma('freelist_count', { simple: true }));
    return (pages - free) * Number(db.pragma('page_size', { simple: true }));
  } finally {
    db.close();
  }
};

const f = (n: number) => n.toFixed(2);
const summary: string[] = [];
let loaded = 0;
let next = 0;

async function measureReads(label: string, hotOrders: number) {
  const inbox = await timed(200, (i) =>
    store.list({
      stationId: stations[(i * 7) % stations.length]?.id,
      states: ['dispatched', 'accepted', 'contacted', 'in_progress'],
      limit: 50,
    }),
  );
  const admin = await timed(200, async (i) => {
    const first = await store.list({ limit: 50 });
    return i % 2 === 0 ? first : store.list({ limit: 50, cursor: first.nextCursor ?? undefined });
  });
  const timeline = await timed(300, (i) =>
    store.events(`ord_s${Math.floor((i * 7919) % Math.max(1, loaded))}`),
  );
  const last = new Date(clockMs + 8 * 3_600_000 - 31 * 86_400_000).toISOString().slice(0, 7);
  const month = last; // the last full calendar month (Beijing time) before the clock
  const metrics = createMetricsEngine(assessment, sla, index, store.metrics);
  const figures = await timed(30, () => metrics.ranking(month, 'street'));
  const idle = await timed(101, () => sweepSla({ store, index: store, sla, clock }));
  console.log(
    `  ${label}: inbox page p50 ${f(inbox.p50)} / p99 ${f(inbox.p99)} ms; admin list ${f(admin.p50)} / ${f(admin.p99)} ms; timeline ${f(timeline.p50)} / ${f(timeline.p99)} ms; month figures ${f(figures.p50)} / ${f(figures.p99)} ms; sweeper idle tick ${f(idle.p50)} / ${f(idle.p99)} ms`,
  );
  console.log(
    `  ${label}: ${hotOrders.toLocaleString()} orders in the hot file: ${(fileBytes() / 1048576).toFixed(0)} MB on disk, ${(usedBytes() / 1048576).toFixed(0)} MB in use (the rest is free pages that new orders reuse), ${Math.round(usedBytes() / hotOrders)} bytes per order`,
  );
  return { inbox, admin, timeline, figures, idle };
}

try {
  store = open('normal');
  for (const size of sizes) {
    const seeding = performance.now();
    clockMs = arrival(size) + 3_600_000;
    while (loaded < size) {
      const chunk: Promise<unknown>[] = [];
      for (let j = loaded; j < Math.min(size, loaded + 5000); j++)
        chunk.push(store.submit(submission(next++)));
      await Promise.all(chunk);
      loaded = Math.min(size, loaded + 5000);
    }
    const seedS = (performance.now() - seeding) / 1000;
    // Emit whatever the histories left due, so the timed ticks are idle ones.
    while ((await sweepSla({ store, index: store, sla, clock })).orders > 0);
    await store.close();

    const starting = performance.now();
    store = open('full');
    await store.nextFireAt();
    await store.list({ limit: 50 });
    const startMs = performance.now() - starting;

    const intakeN = 2000;
    const intakeStarted = performance.now();
    for (let i = 0; i < intakeN; i += 50) {
      await Promise.all(
        Array.from({ length: 50 }, () => store.submit(submission(next++, clockMs - 90_000))),
      );
    }
    const intakePerS = intakeN / ((performance.now() - intakeStarted) / 1000);
    loaded += intakeN;
    console.log(
      `${size.toLocaleString()} orders (seeded in ${seedS.toFixed(1)} s): start-up ${f(startMs)} ms; intake ${Math.round(intakePerS)} orders/s (store group commit, 50 in flight, synchronous=FULL)`,
    );
    const r = await measureReads('reads', loaded);
    summary.push(
      `scale_${size}_intake_per_s=${Math.round(intakePerS)} scale_${size}_inbox_p99_ms=${f(r.inbox.p99)} scale_${size}_timeline_p99_ms=${f(r.timeline.p99)} scale_${size}_figures_p99_ms=${f(r.figures.p99)} scale_${size}_idle_tick_p99_ms=${f(r.idle.p99)} scale_${size}_bytes_per_order=${Math.round(usedBytes() / loaded)} scale_${size}_startup_ms=${f(startMs)}`,
    );
    await store.close();
    store = open('normal');
  }

  // Retention: what archiving the closed orders older than a year does to the hot store.
  const usedBefore = usedBytes();
  const archiving = performance.now();
  const run = archiveClosedOrders({ store, clock }, archiveDays);
  const archiveS = (performance.now() - archiving) / 1000;
  const hot = loaded - run.orders;
  console.log(
    `retention: archived ${run.orders.toLocaleString()} closed orders older than ${archiveDays} days in ${archiveS.toFixed(1)} s (${Math.round(run.orders / archiveS)} orders/s); ${hot.toLocaleString()} stay hot`,
  );
  const after = await measureReads('after archiving', hot);
  summary.push(
    `scale_archived_orders=${run.orders} scale_archive_orders_per_s=${Math.round(run.orders / archiveS)} scale_after_archive_inbox_p99_ms=${f(after.inbox.p99)} scale_after_archive_mb_in_use=${(usedBytes() / 1048576).toFixed(0)} scale_before_archive_mb_in_use=${(usedBefore / 1048576).toFixed(0)}`,
  );
  await store.close();
  console.log(summary.join(' '));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
