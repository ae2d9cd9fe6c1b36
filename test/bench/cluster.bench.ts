// Cluster intake benchmark: POST /v1/orders on two cluster-mode gateway processes (Kafka + Redis)
// beside one embedded gateway, in the same run, on this machine.
//
//   npm run bench:cluster                         # 10 s per phase, 50 connections in total
//   BENCH_SECONDS=5 BENCH_CONNECTIONS=20 npm run bench:cluster
//
// THE KAFKA BROKER HERE IS THE TEST BROKER (test/support/kafka, one Node process, no replication),
// not Apache Kafka, and everything (autocannon, the broker, redis-server, the gateways) shares this
// machine's cores. The figure says what the cluster code path costs against the embedded one here;
// it is not a prediction for a real Kafka cluster.
//
// Layout: this process only runs autocannon; every server is its own child process (the gateways via
// `node --import tsx src/entry/node.ts`, the broker via its CLI, a private redis-server with no
// persistence). In the cluster phase the connections are split over the two gateways (one autocannon
// run per gateway, at the same time). Every body carries a fresh externalId; every 2xx must say
// "created", and the orders stored afterwards (SQLite rows, Redis index) must cover every 2xx.
// INTAKE_RATE_PER_MINUTE=0 on every gateway (the bench measures intake, not admission).
// The last stdout line is `cluster_vs_embedded_ratio=<cluster req/s / embedded req/s>`.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { Redis } from 'ioredis';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startBrokerProcess, type BrokerProcess } from '../support/kafka-broker-process.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { root } from '../support/test-gateway.js';

const num = (name: string, fallback: number): number => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(v) || v < 0) throw new Error(`${name} must be a non-negative number`);
  return v;
};
const seconds = num('BENCH_SECONDS', 10);
const connections = Math.max(2, Math.floor(num('BENCH_CONNECTIONS', 50)));
const warmup = num('BENCH_WARMUP_SECONDS', 1);

const fixture = JSON.parse(
  readFileSync(join(root, 'test/fixtures/orders/01-chaoyang-power-outage.json'), 'utf8'),
) as Record<string, unknown>;
const marker = '__BENCH_EXTERNAL_ID__';
const [head, tail] = JSON.stringify({ ...fixture, externalId: marker }).split(
  JSON.stringify(marker),
) as [string, string];
const runId = Date.now().toString(36);
let seq = 0;
const nextBody = () => `${head}"CLUSTER-BENCH-${runId}-${++seq}"${tail}`;

interface Tally {
  created: number;
  other: number;
}
interface Run {
  requests: number;
  twoxx: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  p50: number;
  p99: number;
  durationS: number;
}

function load(url: string, conns: number, duration: number, tally: Tally): Promise<Run> {
  return new Promise((resolve, reject) => {
    autocannon(
      {
        url,
        connections: conns,
        duration,
        timeout: 20,
        requests: [
          {
            method: 'POST',
            path: '/v1/orders',
            headers: {
              authorization: 'Bearer demo-source-bj-12345',
              'content-type': 'application/json',
            },
            setupRequest: (req) => ({ ...req, body: nextBody() }),
            onResponse: (status, body) => {
              if (status >= 200 && status < 300) {
                if (body.includes('"status":"created"')) tally.created += 1;
                else tally.other += 1;
              }
            },
          },
        ],
      },
      (err, r) =>
        err
          ? reject(err)
          : resolve({
              requests: r.requests.total,
              twoxx: r['2xx'],
              non2xx: r.non2xx,
              errors: r.errors,
              timeouts: r.timeouts,
              p50: r.latency.p50,
              p99: r.latency.p99,
              durationS: r.duration,
            }),
    );
  });
}

/** Runs `conns` connections split over the gateways at once; returns the summed figures. */
async function phase(urls: string[], tally: Tally): Promise<Run> {
  const split = urls.map((u, i) => ({
    u,
    c: Math.floor(connections / urls.length) + (i < connections % urls.length ? 1 : 0),
  }));
  if (warmup > 0) await Promise.all(split.map(({ u, c }) => load(u, c, warmup, tally)));
  const runs = await Promise.all(split.map(({ u, c }) => load(u, c, seconds, tally)));
  const sum = (k: 'requests' | 'twoxx' | 'non2xx' | 'errors' | 'timeouts') =>
    runs.reduce((s, r) => s + r[k], 0);
  return {
    requests: sum('requests'),
    twoxx: sum('twoxx'),
    non2xx: sum('non2xx'),
    errors: sum('errors'),
    timeouts: sum('timeouts'),
    p50: Math.max(...runs.map((r) => r.p50)),
    p99: Math.max(...runs.map((r) => r.p99)),
    durationS: Math.max(...runs.map((r) => r.durationS)),
  };
}

const tmp = mkdtempSync(join(tmpdir(), 'cluster-bench-'));
const started: { kill(signal?: NodeJS.Signals): Promise<unknown> }[] = [];
const watchdog = setTimeout(
  () => {
    process.stderr.write('!!! cluster bench: watchdog fired; killing servers\n');
    void Promise.all(started.map((s) => s.kill('SIGKILL'))).finally(() => process.exit(2));
  },
  (3 * (seconds + warmup) + 180) * 1000,
);
watchdog.unref();

const problems: string[] = [];
const gatewayEnv = { INTAKE_RATE_PER_MINUTE: '0', LOG_LEVEL: 'error' };
let embedded: Run;
let cluster: Run;
let clusterOrders = 0;
let embeddedRows = 0;
const tallies = { embedded: { created: 0, other: 0 }, cluster: { created: 0, other: 0 } };
try {
  process.stderr.write(
    `cluster bench: ${seconds} s per phase (+${warmup} s warm-up), ${connections} connections, loopback\n`,
  );
  process.stderr.write('phase 1: one embedded gateway (SQLite, SQLITE_SYNC=full) ...\n');
  const embeddedDir = join(tmp, 'embedded');
  const e: GatewayProcess = await startGatewayProcess(
    { ...gatewayEnv, GATEWAY_DATA_DIR: embeddedDir, SQLITE_SYNC: 'full' },
    60_000,
  );
  started.push(e);
  embedded = await phase([e.url], tallies.embedded);
  await e.kill('SIGTERM');
  const db = new Database(join(embeddedDir, 'gateway.sqlite'), { readonly: true });
  embeddedRows = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n ?? 0;
  db.close();

  process.stderr.write(
    'phase 2: two cluster gateways + the Kafka TEST broker (one process) + redis-server ...\n',
  );
  const broker: BrokerProcess = await startBrokerProcess(join(tmp, 'kafka'), 0, 6);
  started.push(broker);
  const redisServer: TestRedis = await startTestRedis();
  started.push({ kill: () => redisServer.stop() });
  const clusterEnv = {
    ...gatewayEnv,
    GATEWAY_DATA_DIR: join(tmp, 'cluster'),
    KAFKA_BROKERS: broker.brokers,
    REDIS_URL: redisServer.url,
    KAFKA_ORDER_EVENTS_PARTITIONS: '6',
  };
  const g1 = await startGatewayProcess(clusterEnv, 60_000);
  started.push(g1);
  const g2 = await startGatewayProcess(clusterEnv, 60_000);
  started.push(g2);
  cluster = await phase([g1.url, g2.url], tallies.cluster);
  await Promise.all([g1.kill('SIGTERM'), g2.kill('SIGTERM')]);
  const redis = new Redis(redisServer.url);
  clusterOrders = await redis.zcard('hotline:idx:all');
  redis.disconnect();
} finally {
  await Promise.all(started.map((s) => s.kill('SIGKILL')));
  rmSync(tmp, { recursive: true, force: true });
  clearTimeout(watchdog);
}

for (const [name, r, tally, stored] of [
  ['embedded', embedded, tallies.embedded, embeddedRows],
  ['cluster', cluster, tallies.cluster, clusterOrders],
] as const) {
  if (r.non2xx > 0 || r.errors > 0 || r.timeouts > 0)
    problems.push(`${name}: ${r.non2xx} non-2xx, ${r.errors} errors, ${r.timeouts} timeouts`);
  if (tally.other > 0)
    problems.push(`${name}: ${tally.other} 2xx responses that were not 'created'`);
  if (stored < tally.created)
    problems.push(`${name}: ${stored} orders stored for ${tally.created} 'created' answers`);
}
const rps = (r: Run) => r.twoxx / r.durationS;
const ratio = rps(cluster) / rps(embedded);
const f = (n: number, d = 1) => n.toFixed(d);
const lines = [
  'cluster bench (Kafka = the single-process TEST broker, not Apache Kafka; all processes on this machine)',
  `                     embedded (1 gateway)   cluster (2 gateways)`,
  `2xx/s                ${f(rps(embedded)).padStart(20)}   ${f(rps(cluster)).padStart(20)}`,
  `latency p50 ms       ${f(embedded.p50, 2).padStart(20)}   ${f(cluster.p50, 2).padStart(20)}`,
  `latency p99 ms       ${f(embedded.p99, 2).padStart(20)}   ${f(cluster.p99, 2).padStart(20)}`,
  `2xx / non-2xx        ${`${embedded.twoxx} / ${embedded.non2xx}`.padStart(20)}   ${`${cluster.twoxx} / ${cluster.non2xx}`.padStart(20)}`,
  `orders stored        ${String(embeddedRows).padStart(20)}   ${String(clusterOrders).padStart(20)}`,
];
if (problems.length > 0) {
  process.exitCode = 1;
  lines.push(
    '!!! CLUSTER BENCH PROBLEMS, figures are not trustworthy:',
    ...problems.map((p) => `!!!   ${p}`),
  );
}
lines.push(`cluster_vs_embedded_ratio=${f(ratio, 3)}`);
process.stdout.write(`${lines.join('\n')}\n`);
