// Cluster mode with real processes: two gateway processes, one Kafka test broker process and one
// private redis-server. An order taken by one gateway is pulled from the other; under load one
// gateway is SIGKILLed and the broker is killed and restarted on its data, and still every
// acknowledged order is there exactly once; flushing Redis and rebuilding from Kafka gives the
// same views. Loopback only; bounded (about a minute).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrderPage, OrderView } from '../../contracts/views.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startBrokerProcess, type BrokerProcess } from '../support/kafka-broker-process.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { fixture, keys, root } from '../support/test-gateway.js';
import { until } from '../support/until.js';

const tmp = mkdtempSync(join(tmpdir(), 'hg-two-gateways-'));
const kafkaDir = join(tmp, 'kafka');
let broker: BrokerProcess;
let redisServer: TestRedis;
let redis: Redis;
let a: GatewayProcess;
let b: GatewayProcess;
const env = () => ({
  KAFKA_BROKERS: broker.brokers,
  REDIS_URL: redisServer.url,
  KAFKA_ORDER_EVENTS_PARTITIONS: '3',
  GATEWAY_DATA_DIR: tmp,
  INTAKE_RATE_PER_MINUTE: '0',
  CLUSTER_WRITE_TIMEOUT_MS: '2000',
  CLUSTER_RECONCILE_AFTER_MS: '1000',
  LOG_LEVEL: 'error',
});
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  // Generous readiness deadlines: two gateways, a broker and redis start at once on a busy machine.
  [broker, redisServer] = await Promise.all([
    startBrokerProcess(kafkaDir, 0, 3, 60_000),
    startTestRedis(30_000),
  ]);
  redis = new Redis(redisServer.url);
  [a, b] = await Promise.all([
    startGatewayProcess(env(), 90_000),
    startGatewayProcess(env(), 90_000),
  ]);
}, 200_000);
afterAll(async () => {
  redis.disconnect();
  await Promise.all([a.kill('SIGKILL'), b.kill('SIGKILL'), broker.kill('SIGKILL')]);
  await redisServer.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function post(
  g: GatewayProcess,
  externalId: string,
  extra: Record<string, string> = {},
): Promise<{ status: number; id?: string; state?: string }> {
  const res = await fetch(`${g.url}/v1/orders`, {
    method: 'POST',
    headers: { ...auth(keys.source), 'content-type': 'application/json' },
    body: JSON.stringify({ ...fixture('02'), externalId, ...extra }),
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await res.json()) as { id?: string; status?: string };
  return {
    status: res.status,
    ...(body.id ? { id: body.id } : {}),
    ...(body.status ? { state: body.status } : {}),
  };
}

/** Every order of the demo source, all pages, SLA presentation (computed at read time) left out. */
async function allOrders(g: GatewayProcess): Promise<Omit<OrderView, 'sla'>[]> {
  const out: Omit<OrderView, 'sla'>[] = [];
  let cursor: string | null = '';
  while (cursor !== null) {
    const res = await fetch(`${g.url}/v1/orders?limit=100${cursor ? `&cursor=${cursor}` : ''}`, {
      headers: auth(keys.source),
    });
    expect(res.status).toBe(200);
    const page = OrderPage.parse(await res.json());
    out.push(...page.items.map(({ sla: _sla, ...rest }) => rest));
    cursor = page.nextCursor;
  }
  return out;
}

describe('two gateway processes on Kafka + Redis', () => {
  it('wakes a station pulling from one gateway when the other takes its order', async () => {
    const station = 'cuicheng-yiyuan-grid';
    // No pause to let the pull settle: whether it is already waiting (then woken through Redis
    // pub/sub, see adapters/cluster/redis-notifier.test.ts) or still reading, it must answer with
    // the order taken by the other gateway, promptly.
    const pull = fetch(`${b.url}/v1/stations/${station}/orders?state=dispatched&wait=20`, {
      headers: auth(keys.station(station)),
    });
    const started = Date.now();
    // Received just now, so no SLA warning is due and nothing but the station moves the order.
    const taken = await post(a, 'TWO-GW-PULL', {
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(taken.status).toBe(202);
    const page = OrderPage.parse(await (await pull).json());
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(page.items.map((v) => v.id)).toContain(taken.id);
    const accept = await fetch(`${b.url}/v1/orders/${taken.id ?? ''}/accept`, {
      method: 'POST',
      headers: { ...auth(keys.station(station)), 'content-type': 'application/json' },
      body: JSON.stringify({ expectedVersion: 2 }),
    });
    expect(accept.status).toBe(200);
    const seenByA = OrderView.parse(
      await (
        await fetch(`${a.url}/v1/orders/${taken.id ?? ''}`, { headers: auth(keys.source) })
      ).json(),
    );
    expect(seenByA).toMatchObject({ state: 'accepted', version: 3 });
  });

  it('loses no acknowledged order and makes no duplicate through a gateway SIGKILL and a broker outage; a rebuild gives the same views', async () => {
    const acknowledged = new Map<string, string>(); // externalId → order id
    const refused = new Map<number, number>(); // status → count (503 while the log is down)
    let failed = 0;
    let next = 0;
    let stop = false;
    const worker = (pick: () => GatewayProcess) => async () => {
      while (!stop) {
        const externalId = `TWO-GW-${next++}`;
        try {
          const r = await post(pick(), externalId);
          if (r.status === 202 && r.id) acknowledged.set(externalId, r.id);
          else refused.set(r.status, (refused.get(r.status) ?? 0) + 1);
        } catch {
          failed += 1; /* the gateway died under us, or the request timed out: not acknowledged */
        }
      }
    };
    let aAlive = true;
    const load = Promise.all([
      ...Array.from({ length: 4 }, (_, i) => worker(() => (aAlive && i % 2 === 0 ? a : b))()),
    ]);
    await until(async () => acknowledged.size >= 100, 60_000, '100 acknowledged orders');
    aAlive = false;
    await a.kill('SIGKILL');
    const beforeOutage = acknowledged.size;
    await until(
      async () => acknowledged.size >= beforeOutage + 50,
      60_000,
      '50 more orders on the surviving gateway',
    );
    await broker.kill('SIGKILL');
    // The outage lasts until writes are seen failing (a 503, or no answer in time), not a fixed time.
    const unanswered = () => (refused.get(503) ?? 0) + failed;
    const unansweredBefore = unanswered();
    await until(
      async () => unanswered() > unansweredBefore,
      60_000,
      `a write refused during the outage (acknowledged ${acknowledged.size}, failed ${failed}, refused ${JSON.stringify([...refused])})`,
    );
    broker = await startBrokerProcess(kafkaDir, broker.port, 3, 60_000);
    const afterOutage = acknowledged.size;
    await until(
      async () => acknowledged.size >= afterOutage + 50,
      60_000,
      '50 orders after the broker came back',
    );
    stop = true;
    await load;
    // The faults were felt: the killed gateway dropped connections and the outage refused writes (503).
    expect(failed).toBeGreaterThan(0);
    expect(refused.get(503) ?? 0).toBeGreaterThan(0);
    expect([...refused.keys()].filter((s) => s !== 503)).toEqual([]);

    // Writes left half-done (the killed gateway's, the ones that timed out) are completed by the survivor.
    await until(
      async () => (await redis.zcard('hotline:intents')) === 0,
      60_000,
      'pending writes to be reconciled',
    );
    // The fixture's call is long past, so the SLA sweeper appends breaches to every order: let it finish.
    await until(
      async () => (await redis.zcount('hotline:sla:due', '-inf', Date.now())) === 0,
      60_000,
      'the SLA sweeper to catch up',
    );
    const orders = await allOrders(b);
    const byExternal = new Map<string, string[]>();
    for (const o of orders)
      byExternal.set(o.externalId, [...(byExternal.get(o.externalId) ?? []), o.id]);
    for (const [externalId, id] of acknowledged)
      expect(byExternal.get(externalId), externalId).toEqual([id]);
    expect([...byExternal.values()].filter((ids) => ids.length > 1)).toEqual([]);
    // A hotline retrying an acknowledged push gets the same order back.
    const [someExternal, someId] = [...acknowledged][0] ?? ['', ''];
    expect(await post(b, someExternal)).toMatchObject({
      status: 202,
      id: someId,
      state: 'existing',
    });

    // Redis loses everything; the views come back from Kafka with one command.
    await redis.flushall();
    // The gateways notice the views are gone: not ready, and writes refused rather than re-numbered.
    await until(
      async () => (await fetch(`${b.url}/readyz`)).status === 503,
      30_000,
      'the survivor to report not ready',
    );
    expect((await post(b, 'TWO-GW-DURING-LOSS')).status).toBe(503);
    const rebuild = spawn(process.execPath, ['--import', 'tsx', 'src/entry/views-rebuild.ts'], {
      cwd: root,
      env: { ...process.env, ...env(), KAFKA_BROKERS: broker.brokers },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let rebuildOut = '';
    rebuild.stdout.on('data', (d: Buffer) => {
      rebuildOut += d.toString();
    });
    rebuild.stderr.on('data', (d: Buffer) => {
      rebuildOut += d.toString();
    });
    const code = await new Promise<number | null>((resolve) => rebuild.once('exit', resolve));
    expect(code, rebuildOut).toBe(0);
    process.stderr.write(
      `two gateways: ${acknowledged.size} acknowledged, ${orders.length} orders, refused ${JSON.stringify([...refused])}, ${failed} connection failures; ${rebuildOut}`,
    );
    expect(await allOrders(b)).toEqual(orders);
    await until(
      async () => (await fetch(`${b.url}/readyz`)).status === 200,
      30_000,
      'the survivor to be ready again',
    );
  }, 400_000);
});
