// Intake throughput benchmark: POST /v1/orders on the embedded gateway versus a bare Hono app.
//
//   npm run bench                                  # 10 s per phase, 50 connections, SQLITE_SYNC=full
//   BENCH_SECONDS=5 BENCH_CONNECTIONS=20 npm run bench
//   BENCH_SQLITE_SYNC=normal npm run bench         # (SQLITE_SYNC is honoured too)
//
// Environment: BENCH_SECONDS (10), BENCH_CONNECTIONS (50), BENCH_WARMUP_SECONDS (1, 0 disables),
// BENCH_SQLITE_SYNC / SQLITE_SYNC (full), BENCH_FIXTURE (01-chaoyang-power-outage),
// BENCH_CPU_PROF (a directory: the gateway children run with `node --cpu-prof` and write their
// .cpuprofile there; summarise with `node test/bench/profile-top.mjs <file>`).
//
// Process layout (chosen for fairness): this file runs in two roles.
//  - The parent process only runs the load generator, autocannon, on its own main thread.
//  - Each server under test runs in its own child process: the same file forked with
//    `--import tsx` and BENCH_ROLE=server. The bare Hono app (phase 1) and the real gateway
//    (phase 2) are both started this way, so both get the same runtime and an event loop that
//    the load generator does not share. autocannon's own `workers` option was not used: it
//    needs setupRequest/onResponse as file paths, and on a small machine extra client threads
//    compete with the server for cores. The parent and child talk over the fork IPC channel.
//
// Both phases send the same headers and the same body (the fixture order with a fresh, unique
// externalId built by setupRequest for EVERY request, including the first one of each connection
// and after reconnects), so the client does identical work per request. Each phase gets a
// short warm-up run first that is excluded from the figures. In the gateway phase every 2xx must
// be a durable create: the response body must say "created", and after the gateway is closed
// the child counts the rows in the SQLite file, which must cover every 2xx seen by the client.
// Any non-2xx, connection error, timeout or failed check is reported loudly on stderr and
// makes the exit code 1. Loopback only (127.0.0.1); temp dirs are removed; a watchdog bounds
// the whole run. The last stdout line is `intake_vs_bare_ratio=<gateway req/s / bare req/s>`.
import { serve, type ServerType } from '@hono/node-server';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Hono } from 'hono';
import { startGateway } from '../../src/entry/start-gateway.js';

const HOST = '127.0.0.1';
const root = fileURLToPath(new URL('../../', import.meta.url));

type ServerKind = 'bare' | 'gateway';

/** Messages from a server child to the parent. */
type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'cpu'; userMs: number; systemMs: number; wallMs: number }
  | { type: 'closed'; rows: number | null }
  | { type: 'failed'; error: string };

/** Messages from the parent to a server child. */
type ParentMessage = { type: 'cpu-mark' } | { type: 'cpu-read' } | { type: 'stop' };

function numberEnv(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < min)
    throw new Error(`${name} must be a number >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Child role: run one server until the parent says stop.
// ---------------------------------------------------------------------------------------------

async function serverMain(kind: ServerKind): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  let port: number;
  let close: () => Promise<void>;
  const dataDir = process.env.BENCH_DATA_DIR ?? '';

  if (kind === 'bare') {
    const app = new Hono();
    app.post('/v1/orders', (c) => c.json({ ok: true }, 202));
    const server: ServerType = await new Promise((resolveServer) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: HOST }, () => resolveServer(s));
    });
    port = (server.address() as AddressInfo).port;
    close = () => new Promise<void>((done) => server.close(() => done()));
  } else {
    if (dataDir === '') throw new Error('BENCH_DATA_DIR is required for the gateway server');
    const gateway = await startGateway({
      PORT: '0',
      HOST,
      GATEWAY_DATA_DIR: dataDir,
      GATEWAY_CONFIG_DIR: join(root, 'deploy/example'),
      SQLITE_SYNC: process.env.BENCH_SQLITE_SYNC,
      LOG_LEVEL: 'silent',
      // The bench measures intake cost, not admission: one source sends far above any per-source limit.
      INTAKE_RATE_PER_MINUTE: '0',
      OTEL_SDK_DISABLED: process.env.BENCH_TRACING === 'off' ? 'true' : 'false',
    });
    port = gateway.port;
    close = () => gateway.close();
  }

  let cpuMark = process.cpuUsage();
  let wallMark = performance.now();
  process.on('message', (raw) => {
    const m = raw as ParentMessage;
    if (m.type === 'cpu-mark') {
      cpuMark = process.cpuUsage();
      wallMark = performance.now();
    } else if (m.type === 'cpu-read') {
      const d = process.cpuUsage(cpuMark);
      send({
        type: 'cpu',
        userMs: d.user / 1000,
        systemMs: d.system / 1000,
        wallMs: performance.now() - wallMark,
      });
    } else if (m.type === 'stop') {
      void close()
        .then(() => {
          let rows: number | null = null;
          if (kind === 'gateway') {
            const db = new Database(join(dataDir, 'gateway.sqlite'), { readonly: true });
            try {
              rows =
                db.prepare<[], { n: number }>('SELECT count(*) AS n FROM orders').get()?.n ?? 0;
            } finally {
              db.close();
            }
          }
          send({ type: 'closed', rows });
        })
        .catch((err: unknown) =>
          send({ type: 'failed', error: err instanceof Error ? err.message : String(err) }),
        )
        .finally(() => process.disconnect());
    }
  });
  send({ type: 'ready', port });
}

// ---------------------------------------------------------------------------------------------
// Parent role: start each server in a child, load it with autocannon, compare.
// ---------------------------------------------------------------------------------------------

class ServerChild {
  private readonly inbox: ChildMessage[] = [];
  private waiter: {
    type: ChildMessage['type'];
    resolve: (m: ChildMessage) => void;
    reject: (e: Error) => void;
  } | null = null;
  private exited: string | null = null;

  private constructor(
    readonly kind: ServerKind,
    readonly proc: ChildProcess,
  ) {
    proc.on('message', (raw) => {
      const m = raw as ChildMessage;
      if (this.waiter && (m.type === this.waiter.type || m.type === 'failed')) {
        const w = this.waiter;
        this.waiter = null;
        if (m.type === 'failed') w.reject(new Error(`${kind} server: ${m.error}`));
        else w.resolve(m);
      } else {
        this.inbox.push(m);
      }
    });
    proc.on('exit', (code, signal) => {
      this.exited = `exited with ${signal ?? `code ${code}`}`;
      if (this.waiter) {
        const w = this.waiter;
        this.waiter = null;
        w.reject(new Error(`${kind} server ${this.exited} before sending '${w.type}'`));
      }
    });
  }

  static start(kind: ServerKind, env: Record<string, string>): ServerChild {
    const self = fileURLToPath(import.meta.url);
    const proc = fork(self, [], {
      cwd: root,
      execArgv: [
        '--import',
        import.meta.resolve('tsx'),
        ...(kind === 'gateway' && process.env.BENCH_CPU_PROF
          ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
          : []),
      ],
      env: { ...process.env, ...env, BENCH_ROLE: 'server', BENCH_SERVER: kind },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    return new ServerChild(kind, proc);
  }

  get alive(): boolean {
    return this.exited === null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  send(m: ParentMessage): void {
    this.proc.send(m);
  }

  waitFor<T extends ChildMessage['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<ChildMessage, { type: T }>> {
    const queued = this.inbox.findIndex((m) => m.type === type || m.type === 'failed');
    if (queued >= 0) {
      const [m] = this.inbox.splice(queued, 1);
      if (m?.type === 'failed') return Promise.reject(new Error(`${this.kind} server: ${m.error}`));
      return Promise.resolve(m as Extract<ChildMessage, { type: T }>);
    }
    if (this.exited !== null)
      return Promise.reject(new Error(`${this.kind} server ${this.exited}`));
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiter = null;
        reject(new Error(`${this.kind} server sent no '${type}' within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiter = {
        type,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m as Extract<ChildMessage, { type: T }>);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
  }

  /** Waits for the process to exit; kills it (by its own pid) if it does not go in time. */
  async exit(timeoutMs: number): Promise<void> {
    if (!this.alive) return;
    await new Promise<void>((done) => {
      const timer = setTimeout(() => {
        if (this.alive) this.proc.kill('SIGKILL');
      }, timeoutMs);
      this.proc.once('exit', () => {
        clearTimeout(timer);
        done();
      });
    });
  }
}

interface Counters {
  created: number;
  existing: number;
  otherBody: number;
}

interface PhaseResult {
  kind: ServerKind;
  result: autocannon.Result;
  counters: Counters;
  warmup2xx: number;
  warmupCounters: Counters;
  serverCpuPct: number;
  clientCpuPct: number;
  rows: number | null;
}

async function parentMain(): Promise<void> {
  const seconds = numberEnv('BENCH_SECONDS', 10, 1);
  const connections = Math.floor(numberEnv('BENCH_CONNECTIONS', 50, 1));
  const warmupSeconds = numberEnv('BENCH_WARMUP_SECONDS', 1, 0);
  const sqliteSync = process.env.BENCH_SQLITE_SYNC ?? process.env.SQLITE_SYNC ?? 'full';
  if (sqliteSync !== 'full' && sqliteSync !== 'normal')
    throw new Error(`BENCH_SQLITE_SYNC must be full or normal, got ${sqliteSync}`);
  const fixtureName = process.env.BENCH_FIXTURE ?? '01-chaoyang-power-outage';

  const fixture = JSON.parse(
    readFileSync(join(root, 'test/fixtures/orders', `${fixtureName}.json`), 'utf8'),
  ) as Record<string, unknown>;
  // Split the body around the externalId once, so building each unique body is two concatenations.
  const marker = '__BENCH_EXTERNAL_ID__';
  const [bodyHead, bodyTail] = JSON.stringify({ ...fixture, externalId: marker }).split(
    JSON.stringify(marker),
  ) as [string, string];
  const runId = `${Date.now().toString(36)}${process.pid.toString(36)}`;
  let seq = 0;
  const nextBody = () => `${bodyHead}"BENCH-${runId}-${++seq}"${bodyTail}`;
  const headers = {
    // The fixture's own source key: a key speaks for its own source only.
    authorization: `Bearer demo-source-${typeof fixture.source === 'string' ? fixture.source : 'bj-12345'}`,
    'content-type': 'application/json',
  };

  const load = (port: number, duration: number, counters: Counters) =>
    new Promise<autocannon.Result>((resolve, reject) => {
      autocannon(
        {
          url: `http://${HOST}:${port}`,
          connections,
          duration,
          timeout: 10,
          requests: [
            {
              method: 'POST',
              path: '/v1/orders',
              headers,
              setupRequest: (req) => ({ ...req, body: nextBody() }),
              onResponse: (status, body) => {
                if (status < 200 || status >= 300) return;
                if (body.includes('"status":"created"')) counters.created += 1;
                else if (body.includes('"status":"existing"')) counters.existing += 1;
                else counters.otherBody += 1;
              },
            },
          ],
        },
        (err, result) => (err ? reject(err) : resolve(result)),
      );
    });

  const tmp = mkdtempSync(join(tmpdir(), 'intake-bench-'));
  const children: ServerChild[] = [];
  const watchdogMs = (2 * (seconds + warmupSeconds) + 120) * 1000;
  const watchdog = setTimeout(() => {
    process.stderr.write(
      `!!! intake bench: watchdog fired after ${watchdogMs / 1000} s; killing servers\n`,
    );
    for (const c of children) if (c.alive) c.proc.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
    process.exit(2);
  }, watchdogMs);
  watchdog.unref();

  const runPhase = async (
    kind: ServerKind,
    extra: Record<string, string> = {},
  ): Promise<PhaseResult> => {
    const child = ServerChild.start(kind, {
      BENCH_DATA_DIR: join(tmp, `${kind}${extra.BENCH_TRACING ?? ''}`),
      BENCH_SQLITE_SYNC: sqliteSync,
      ...extra,
    });
    children.push(child);
    const { port } = await child.waitFor('ready', 60_000);
    const warmupCounters: Counters = { created: 0, existing: 0, otherBody: 0 };
    let warmup2xx = 0;
    if (warmupSeconds > 0) warmup2xx = (await load(port, warmupSeconds, warmupCounters))['2xx'];

    const counters: Counters = { created: 0, existing: 0, otherBody: 0 };
    child.send({ type: 'cpu-mark' });
    const clientCpu = process.cpuUsage();
    const clientWall = performance.now();
    const result = await load(port, seconds, counters);
    const clientUsage = process.cpuUsage(clientCpu);
    const clientCpuPct =
      ((clientUsage.user + clientUsage.system) / 1000 / (performance.now() - clientWall)) * 100;
    child.send({ type: 'cpu-read' });
    const cpu = await child.waitFor('cpu', 10_000);
    const serverCpuPct = ((cpu.userMs + cpu.systemMs) / cpu.wallMs) * 100;

    child.send({ type: 'stop' });
    const { rows } = await child.waitFor('closed', 30_000);
    await child.exit(10_000);
    return { kind, result, counters, warmup2xx, warmupCounters, serverCpuPct, clientCpuPct, rows };
  };

  let bare: PhaseResult;
  let gateway: PhaseResult;
  // Tracing off (OTEL_SDK_DISABLED=true) vs the default, an SDK tracer without an exporter.
  let tracingOff: PhaseResult;
  try {
    process.stderr.write(
      `intake bench: ${seconds} s per phase (+${warmupSeconds} s warm-up), ${connections} connections, SQLITE_SYNC=${sqliteSync}, fixture ${fixtureName}\n`,
    );
    process.stderr.write('phase 1: bare Hono app ...\n');
    bare = await runPhase('bare');
    process.stderr.write('phase 2: embedded gateway ...\n');
    gateway = await runPhase('gateway');
    process.stderr.write('phase 3: embedded gateway, tracing off (OTEL_SDK_DISABLED=true) ...\n');
    tracingOff = await runPhase('gateway', { BENCH_TRACING: 'off' });
  } finally {
    for (const c of children) if (c.alive) c.proc.kill('SIGKILL');
    rmSync(tmp, { recursive: true, force: true });
    clearTimeout(watchdog);
  }

  // Checks: every request must be a 2xx, and in the gateway phase every 2xx a durable create.
  const problems: string[] = [];
  for (const p of [bare, gateway, tracingOff]) {
    const r = p.result;
    if (r.non2xx > 0)
      problems.push(
        `${p.kind}: ${r.non2xx} non-2xx responses (${JSON.stringify(r.statusCodeStats)})`,
      );
    if (r.errors > 0 || r.timeouts > 0)
      problems.push(`${p.kind}: ${r.errors} connection errors, ${r.timeouts} timeouts`);
    if (r['2xx'] === 0) problems.push(`${p.kind}: no 2xx responses at all`);
  }
  const g = gateway;
  const gateway2xx = g.result['2xx'] + g.warmup2xx;
  const gatewayCreated = g.counters.created + g.warmupCounters.created;
  if (g.counters.existing + g.warmupCounters.existing > 0)
    problems.push(
      `gateway: ${g.counters.existing + g.warmupCounters.existing} responses were 'existing' (externalId reused)`,
    );
  if (g.counters.otherBody + g.warmupCounters.otherBody > 0)
    problems.push(
      `gateway: ${g.counters.otherBody + g.warmupCounters.otherBody} 2xx responses without a status`,
    );
  if (gatewayCreated !== gateway2xx)
    problems.push(`gateway: ${gatewayCreated} 'created' bodies for ${gateway2xx} 2xx responses`);
  // Requests in flight when autocannon stops may still commit, so rows may exceed the 2xx count.
  if (g.rows === null || g.rows < gateway2xx)
    problems.push(`gateway: ${g.rows ?? 'no'} rows in SQLite for ${gateway2xx} 2xx responses`);

  const ratio = gateway.result.requests.mean / bare.result.requests.mean;
  const fmt = (n: number, d = 1) => n.toFixed(d);
  const rows: [string, string, string][] = [
    ['', 'bare Hono', `gateway (sync=${sqliteSync})`],
    ['req/s (mean)', fmt(bare.result.requests.mean), fmt(gateway.result.requests.mean)],
    [
      '2xx/s (total/duration)',
      fmt(bare.result['2xx'] / bare.result.duration),
      fmt(gateway.result['2xx'] / gateway.result.duration),
    ],
    ['latency p50 ms', fmt(bare.result.latency.p50, 2), fmt(gateway.result.latency.p50, 2)],
    ['latency p99 ms', fmt(bare.result.latency.p99, 2), fmt(gateway.result.latency.p99, 2)],
    ['latency max ms', fmt(bare.result.latency.max, 2), fmt(gateway.result.latency.max, 2)],
    ['2xx', String(bare.result['2xx']), String(gateway.result['2xx'])],
    ['non-2xx', String(bare.result.non2xx), String(gateway.result.non2xx)],
    [
      'errors / timeouts',
      `${bare.result.errors} / ${bare.result.timeouts}`,
      `${gateway.result.errors} / ${gateway.result.timeouts}`,
    ],
    ['server CPU %', fmt(bare.serverCpuPct), fmt(gateway.serverCpuPct)],
    ['client (autocannon) CPU %', fmt(bare.clientCpuPct), fmt(gateway.clientCpuPct)],
    ['created (resp) / rows (db)', '-', `${gatewayCreated} / ${g.rows ?? '?'} (incl. warm-up)`],
  ];
  const widths = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i as 0 | 1 | 2].length)));
  const line = (r: [string, string, string]) =>
    `${r[0].padEnd(widths[0] ?? 0)}  ${r[1].padStart(widths[1] ?? 0)}  ${r[2].padStart(widths[2] ?? 0)}`;
  const out: string[] = [
    `intake bench: ${seconds} s/phase, ${connections} connections, loopback ${HOST}`,
    ...rows.map(line),
  ];
  out.push(`ratio gateway/bare (req/s)  ${fmt(ratio, 3)}`);
  out.push(
    `tracing on without exporter / off: req/s ${fmt(gateway.result.requests.mean)} / ${fmt(tracingOff.result.requests.mean)} = ${fmt(gateway.result.requests.mean / tracingOff.result.requests.mean, 3)}, p50 ${fmt(gateway.result.latency.p50, 2)} / ${fmt(tracingOff.result.latency.p50, 2)} ms`,
  );
  if (problems.length > 0) {
    process.exitCode = 1;
    const banner = [
      '!!! INTAKE BENCH PROBLEMS — figures are not trustworthy:',
      ...problems.map((p) => `!!!   ${p}`),
    ];
    process.stderr.write(`${banner.join('\n')}\n`);
    out.push(...banner);
  }
  out.push(`intake_vs_bare_ratio=${fmt(ratio, 3)}`);
  process.stdout.write(`${out.join('\n')}\n`);
}

if (process.env.BENCH_ROLE === 'server') {
  const kind = process.env.BENCH_SERVER;
  if (kind !== 'bare' && kind !== 'gateway')
    throw new Error(`BENCH_SERVER must be bare or gateway, got ${kind}`);
  await serverMain(kind).catch((err: unknown) => {
    process.stderr.write(
      `intake bench server (${kind}) failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.send?.({
      type: 'failed',
      error: err instanceof Error ? err.message : String(err),
    } satisfies ChildMessage);
    process.exit(1);
  });
} else {
  await parentMain();
}
