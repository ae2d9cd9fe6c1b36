// `npm run bench:sla`: the SLA sweeper against a large store. Seeds BENCH_OPEN_ORDERS open orders
// (default 1,000,000) of which BENCH_DUE (default 10,000) fall due in the same second, then times
// a sweep tick with nothing due (the baseline, measured in the same run) and the tick that emits the
// 10,000 breaches, with memory. The due-time index makes the idle tick independent of open orders.
// Embedded store on a temporary file with synchronous=FULL; loopback-free, bounded, cleans up.
// BENCH_CPU_PROF=<dir> writes a CPU profile of the due tick only (test/bench/cpu-profile.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { NewEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { SlaPolicy } from '../../contracts/sla.js';
import { sweepSla, createSlaEngine } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { exampleCalendar } from '../support/sla-fixtures.js';
import { profiled } from './cpu-profile.js';

const OPEN = Number(process.env.BENCH_OPEN_ORDERS ?? 1_000_000);
const DUE = Number(process.env.BENCH_DUE ?? 10_000);
const dir = mkdtempSync(join(tmpdir(), 'hg-bench-sla-'));

// One target, so each order has exactly one pending fire: the respond breach 24 clock hours after the call.
const policy: SlaPolicy = {
  version: 'bench',
  workingHours: [],
  rules: [
    {
      id: 'bench',
      match: {},
      targets: { respond: { amount: 24, clock: 'clock_hours', warnAt: [], pausable: false } },
    },
  ],
};
const t0 = Date.parse('2026-03-02T10:00:00+08:00');
let now = t0;
const clock = { now: () => new Date(now) };
const sla = createSlaEngine(policy, exampleCalendar, clock);
const store = new SqliteOrderStore({
  path: join(dir, 'g.sqlite'),
  synchronous: 'full',
  project: storeProjection({ sla }),
});

function submission(i: number, receivedAt: number) {
  const id = `ord_bench_${i}`;
  const order: CanonicalOrder = {
    id,
    source: 'bench',
    externalId: `B${i}`,
    channel: 'phone',
    type: 'help',
    topic: ['市政设施'],
    title: '路灯',
    content: '路灯不亮',
    caller: {},
    location: { divisionCode: '110105019040' },
    receivedAt: new Date(receivedAt).toISOString(),
    urgency: 'normal',
    attachments: [],
    extra: {},
  };
  const at = new Date(t0).toISOString();
  const events: NewEvent[] = [
    {
      orderId: id,
      at,
      actor: { role: 'source', id: 'bench' },
      data: { type: 'order.received', order },
    },
    {
      orderId: id,
      at,
      actor: { role: 'system', id: 'router' },
      data: {
        type: 'order.dispatched',
        stationId: 'cuicheng-yiyuan-grid',
        stationName: 'x',
        decision: {
          outcome: 'routed',
          rule: 'division_code',
          stationId: 'cuicheng-yiyuan-grid',
          candidates: [],
          reason: 'bench',
        },
      },
    },
  ];
  return {
    orderId: id,
    source: 'bench',
    externalId: `B${i}`,
    bodyHash: '',
    raw: { contentType: 'application/json', body: new Uint8Array(0), receivedAt: at },
    events,
  };
}

const dueAt = t0 + 60_000;
const seedStarted = performance.now();
for (let i = 0; i < OPEN; i += 5000) {
  const chunk: Promise<unknown>[] = [];
  for (let j = i; j < Math.min(OPEN, i + 5000); j++) {
    // Every (OPEN/DUE)-th order was received 24 h before dueAt, so all of those breach in the same second.
    const isDue = j % Math.floor(OPEN / DUE) === 0 && j / Math.floor(OPEN / DUE) < DUE;
    chunk.push(store.submit(submission(j, isDue ? dueAt - 86_400_000 : t0)));
  }
  await Promise.all(chunk);
  if (i % 100_000 === 0) process.stderr.write(`seeded ${i}\n`);
}
const seedMs = performance.now() - seedStarted;

async function tick(at: number) {
  now = at;
  const rss0 = process.memoryUsage().rss;
  const started = performance.now();
  const result = await sweepSla({ store, index: store, sla, clock }, DUE * 2);
  return {
    ms: performance.now() - started,
    ...result,
    rssDeltaMb: (process.memoryUsage().rss - rss0) / 1048576,
  };
}

const idle: number[] = [];
for (let i = 0; i < 21; i++) idle.push((await tick(t0 + 30_000 + i)).ms);
idle.sort((a, b) => a - b);
const idleMs = idle[10] ?? NaN;
const due = await profiled('sla-due-tick', () => tick(dueAt));
const again = await tick(dueAt + 1);
await store.close();
rmSync(dir, { recursive: true, force: true });

const f = (n: number) => n.toFixed(2);
console.log(
  `sla bench: ${OPEN.toLocaleString()} open orders (seeded in ${(seedMs / 1000).toFixed(1)} s), ${DUE.toLocaleString()} due in the same second; SQLite file, synchronous=FULL`,
);
console.log(`idle tick (nothing due), median of 21:   ${f(idleMs)} ms`);
console.log(
  `due tick: ${due.orders} orders, ${due.emitted} breach events emitted in ${f(due.ms)} ms (${Math.round(due.emitted / (due.ms / 1000))} events/s), rss +${f(due.rssDeltaMb)} MB, rss now ${f(process.memoryUsage().rss / 1048576)} MB`,
);
console.log(
  `next tick after emitting: ${again.orders} orders due, ${again.emitted} emitted (exactly once) in ${f(again.ms)} ms`,
);
if (due.emitted !== DUE || again.emitted !== 0) {
  console.error(`!!! expected ${DUE} events once, got ${due.emitted} then ${again.emitted}`);
  process.exitCode = 1;
}
console.log(`sla_due10k_vs_idle_tick_ms=${f(due.ms)}/${f(idleMs)}`);
