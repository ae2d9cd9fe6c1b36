// Upgrades. Embedded: a data directory written by the previous release (rebuilt from its text capture,
// test/fixtures/upgrade/) is opened by this build, which migrates it at start and then answers every
// order, timeline and figure exactly as that release did, and keeps working. Cluster: Redis views
// from a release before key layouts were versioned are refused until `npm run views:rebuild`, after
// which every order reads as before.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations } from '../../adapters/embedded/migrations/run-migrations.js';
import { KEY_LAYOUT } from '../../adapters/cluster/key-layout.js';
import { makeReleaseDataDir, readCapture } from '../fixtures/upgrade/make-release-data-dir.js';
import { freePort, startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startBrokerProcess, type BrokerProcess } from '../support/kafka-broker-process.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { fixture, keys, root } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const tmp = mkdtempSync(join(tmpdir(), 'hg-upgrade-'));
const cleanups: (() => Promise<unknown>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
  rmSync(tmp, { recursive: true, force: true });
});

const auth = (key: string) => ({ authorization: `Bearer ${key}` });
async function get(g: GatewayProcess, path: string, key = keys.admin): Promise<unknown> {
  const res = await fetch(`${g.url}${path}`, { headers: auth(key) });
  expect(res.status, path).toBe(200);
  return res.json();
}
async function allOrders(g: GatewayProcess): Promise<Record<string, unknown>[]> {
  const out: Record<string, unknown>[] = [];
  let cursor = '';
  do {
    const page = (await get(g, `/v1/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`)) as {
      items: Record<string, unknown>[];
      nextCursor: string | null;
    };
    out.push(...page.items.map(({ sla: _sla, ...rest }) => rest));
    cursor = page.nextCursor ?? '';
  } while (cursor);
  return out;
}
interface TimelineBody {
  events: { seq: number; actor: { id: string }; data: { type: string } }[];
}

/**
 * What of `actual` the release could have known: the keys `expected` has, all the way down (a newer
 * build may add fields; it may not lose or change any). With later sweeper events, the version, the
 * update time and the emitted-marker list may move too.
 */
function asTheReleaseSawIt(actual: unknown, expected: unknown, later: number): unknown {
  const shape = (a: unknown, e: unknown): unknown => {
    if (Array.isArray(a) && Array.isArray(e) && a.length === e.length)
      return a.map((x, i) => shape(x, e[i]));
    if (a && e && typeof a === 'object' && typeof e === 'object' && !Array.isArray(e))
      return Object.fromEntries(
        Object.keys(e).map((k) => [
          k,
          shape((a as Record<string, unknown>)[k], (e as Record<string, unknown>)[k]),
        ]),
      );
    return a;
  };
  const strip = (v: unknown) => {
    if (later === 0 || !v || typeof v !== 'object') return v;
    const { version: _v, updatedAt: _u, slaFacts, ...rest } = v as Record<string, unknown>;
    const { emitted: _e, ...facts } = (slaFacts ?? {}) as Record<string, unknown>;
    return { ...rest, slaFacts: facts };
  };
  return strip(shape(actual, expected));
}

async function submit(g: GatewayProcess, externalId: string) {
  return fetch(`${g.url}/v1/orders`, {
    method: 'POST',
    headers: { ...auth(keys.source), 'content-type': 'application/json' },
    // Received just now: no SLA warning falls due while the test runs, so the views stay still.
    body: JSON.stringify({
      ...fixture('01'),
      externalId,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
    }),
  });
}

describe('embedded: a data directory from the previous release', () => {
  const capture = readCapture('e1837db');
  const dataDir = join(tmp, 'embedded');
  const file = makeReleaseDataDir(dataDir, capture);
  const env = {
    GATEWAY_DATA_DIR: dataDir,
    GATEWAY_PLACES_BASE: 'none',
    INTAKE_RATE_PER_MINUTE: '0',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
    LOG_LEVEL: 'warn',
  };
  const userVersion = () => {
    const db = new Database(file, { readonly: true });
    try {
      return db.pragma('user_version', { simple: true }) as number;
    } finally {
      db.close();
    }
  };

  it('is migrated at start and answers every order, event and figure as that release did', async () => {
    expect(userVersion()).toBe(0);
    const g = await startGatewayProcess(env, 60_000);
    cleanups.push(() => g.kill('SIGKILL'));
    expect(userVersion()).toBe(loadMigrations().length);
    // The release kept its webhook secret in clear; this build sealed it at start.
    const secret = capture.subscription.secret;
    expect(readFileSync(file).includes(secret)).toBe(false);

    // Time has passed since the capture: this build's sweeper may add events (warnings for clocks
    // still running then, supervision of old breaches). Those are the only events allowed after the
    // release's own, and each order is otherwise exactly as the release answered.
    const orders = await allOrders(g);
    expect(orders.map((o) => o.id)).toEqual(capture.expected.orders.map((o) => o.id));
    for (const [i, was] of capture.expected.orders.entries()) {
      const timeline = (await get(g, `/v1/orders/${was.id}/timeline`)) as TimelineBody;
      const before = (capture.expected.timelines[was.id] as TimelineBody).events;
      expect(timeline.events.slice(0, before.length), was.id).toEqual(before);
      const later = timeline.events.slice(before.length);
      expect(
        later.filter((e) => e.actor.id !== 'sla-sweeper'),
        was.id,
      ).toEqual([]);
      expect(asTheReleaseSawIt(orders[i], was, later.length), was.id).toEqual(
        asTheReleaseSawIt(was, was, later.length),
      );
    }
    for (const [period, figures] of Object.entries(capture.expected.figures))
      expect(
        await get(g, `/v1/metrics/figures?period=${period}`, keys.auditor),
        period,
      ).toMatchObject(figures as Record<string, unknown>);
    // The raw bytes the release archived are still served byte for byte.
    const archived = capture.tables.raw_requests?.[0] as {
      order_id: string;
      body: { base64: string };
    };
    const raw = await fetch(`${g.url}/v1/orders/${archived.order_id}/raw`, {
      headers: auth(keys.admin),
    });
    expect(raw.status).toBe(200);
    expect(Buffer.from(await raw.arrayBuffer()).toString('base64')).toBe(archived.body.base64);

    // The upgraded file takes new work, and a retried push from before the upgrade is recognised.
    const fresh = await submit(g, 'UPGRADE-NEW-1');
    expect(fresh.status).toBe(202);
    const first = capture.tables.idempotency?.[0] as { key: string; order_id: string };
    const replay = await fetch(`${g.url}/v1/orders`, {
      method: 'POST',
      headers: {
        ...auth(keys.source),
        'content-type': 'application/json',
        'idempotency-key': first.key,
      },
      body: JSON.stringify(fixture(first.key.slice('upgrade-'.length))),
    });
    expect(await replay.json()).toMatchObject({ id: first.order_id, status: 'existing' });
    await g.kill('SIGTERM');

    // A second start finds nothing left to migrate and loses nothing.
    const again = await startGatewayProcess(env, 60_000);
    cleanups.push(() => again.kill('SIGKILL'));
    expect(userVersion()).toBe(loadMigrations().length);
    expect(await allOrders(again)).toHaveLength(capture.expected.orders.length + 1);
    await again.kill('SIGTERM');
  }, 150_000);

  it('refuses to open a data directory written by a newer build', async () => {
    const dir = join(tmp, 'newer');
    const path = makeReleaseDataDir(dir, capture);
    const db = new Database(path);
    db.pragma(`user_version = ${loadMigrations().length + 1}`);
    db.close();
    await expect(startGatewayProcess({ ...env, GATEWAY_DATA_DIR: dir }, 60_000)).rejects.toThrow(
      /newer than this build knows/,
    );
  }, 90_000);
});

/** The gateway as a process without waiting for readiness (an upgrade starts not ready). */
async function spawnGateway(env: Record<string, string>) {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/node.ts'], {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

async function run(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out };
}

describe('cluster: Redis views from a release before key layouts', () => {
  let broker: BrokerProcess;
  let redisServer: TestRedis;

  it('refuses writes until views:rebuild, then every order reads as before', async () => {
    [broker, redisServer] = await Promise.all([
      startBrokerProcess(join(tmp, 'kafka')),
      startTestRedis(),
    ]);
    cleanups.push(
      () => broker.kill('SIGKILL'),
      () => redisServer.stop(),
    );
    const redis = new Redis(redisServer.url);
    cleanups.push(async () => redis.disconnect());
    const env = {
      KAFKA_BROKERS: broker.brokers,
      REDIS_URL: redisServer.url,
      KAFKA_ORDER_EVENTS_PARTITIONS: '3',
      GATEWAY_DATA_DIR: join(tmp, 'cluster'),
      GATEWAY_PLACES_BASE: 'none',
      INTAKE_RATE_PER_MINUTE: '0',
      LOG_LEVEL: 'error',
    };
    const old = await startGatewayProcess(env, 60_000);
    cleanups.push(() => old.kill('SIGKILL'));
    for (let i = 0; i < 5; i++)
      expect((await submit(old, `UPGRADE-CLUSTER-${i}`)).status).toBe(202);
    const before = await allOrders(old);
    await old.kill('SIGTERM');
    expect(await redis.get('hotline:meta:layout')).toBe(String(KEY_LAYOUT));
    // The release before this one wrote the same views without a layout stamp.
    await redis.del('hotline:meta:layout');

    const g = await spawnGateway(env);
    cleanups.push(() => g.stop());
    await until(
      async () => (await fetch(`${g.url}/healthz`).catch(() => null))?.ok === true,
      60_000,
    );
    expect((await fetch(`${g.url}/readyz`)).status).toBe(503);
    expect((await submit(g as unknown as GatewayProcess, 'UPGRADE-CLUSTER-REFUSED')).status).toBe(
      503,
    );
    expect(g.output()).toContain('npm run views:rebuild');

    const rebuild = await run(['--import', 'tsx', 'src/entry/views-rebuild.ts'], env);
    expect(rebuild.code, rebuild.out).toBe(0);
    expect(await redis.get('hotline:meta:layout')).toBe(String(KEY_LAYOUT));
    await until(async () => (await fetch(`${g.url}/readyz`)).status === 200, 30_000);
    expect(await allOrders(g as unknown as GatewayProcess)).toEqual(before);
    expect((await submit(g as unknown as GatewayProcess, 'UPGRADE-CLUSTER-AFTER')).status).toBe(
      202,
    );
  }, 150_000);
});
