// Status webhooks out in cluster mode, with real processes: two gateways on one Kafka test broker and
// one redis-server, a hotline's subscription made through one of them, orders and station actions on
// both. The receiver holds the first delivery open, and the gateway holding its lease is SIGKILLed
// mid-delivery; the survivor delivers it once the lease runs out. Every event arrives exactly once
// to a receiver that deduplicates by webhook-id (no event projected twice by the two processes), in
// seq order per order; no delivery was attempted by both processes at once; a 500 is retried on the
// schedule, possibly by the other process. Loopback only; bounded (about a minute).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryPage, SubscriptionCreated } from '../../contracts/webhooks.js';
import { OrderView } from '../../contracts/views.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startBrokerProcess, type BrokerProcess } from '../support/kafka-broker-process.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { fixture, keys } from '../support/test-gateway.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { until } from '../support/until.js';

const tmp = mkdtempSync(join(tmpdir(), 'hg-webhooks-cluster-'));
const station = 'cuicheng-yiyuan-grid';
const timeoutMs = 8_000; // per attempt; the lease is this + 10 s (src/entry/start-gateway.ts)
let broker: BrokerProcess;
let redisServer: TestRedis;
let redis: Redis;
let receiver: Receiver;
let gateways: GatewayProcess[] = [];
const env = () => ({
  KAFKA_BROKERS: broker.brokers,
  REDIS_URL: redisServer.url,
  KAFKA_ORDER_EVENTS_PARTITIONS: '3',
  GATEWAY_DATA_DIR: tmp,
  GATEWAY_SECRET_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64')}`,
  INTAKE_RATE_PER_MINUTE: '0',
  CLUSTER_RECONCILE_AFTER_MS: '1000',
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  WEBHOOK_TIMEOUT_MS: String(timeoutMs),
  LOG_LEVEL: 'error',
});
const auth = (key: string) => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  [broker, redisServer, receiver] = await Promise.all([
    startBrokerProcess(join(tmp, 'kafka'), 0, 3, 60_000),
    startTestRedis(30_000),
    startReceiver(() => Math.floor(Date.now() / 1000)),
  ]);
  redis = new Redis(redisServer.url);
  gateways = await Promise.all([
    startGatewayProcess(env(), 90_000),
    startGatewayProcess(env(), 90_000),
  ]);
}, 200_000);
afterAll(async () => {
  redis.disconnect();
  await Promise.all([...gateways.map((g) => g.kill('SIGKILL')), broker.kill('SIGKILL')]);
  await Promise.all([redisServer.stop(), receiver.close()]);
  rmSync(tmp, { recursive: true, force: true });
});

async function submit(g: GatewayProcess, i: number): Promise<string> {
  const res = await fetch(`${g.url}/v1/orders`, {
    method: 'POST',
    headers: { ...auth(keys.source), 'content-type': 'application/json' },
    body: JSON.stringify({
      ...fixture('02'),
      externalId: `WH-CLUSTER-${i}`,
      // A caller of their own each (no 重复件 link), received just now (no SLA event due meanwhile).
      caller: { name: '刘女士', phone: `1391${String(i).padStart(7, '0')}` },
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(202);
  return ((await res.json()) as { id: string }).id;
}

async function accept(g: GatewayProcess, id: string): Promise<void> {
  const res = await fetch(`${g.url}/v1/orders/${id}/accept`, {
    method: 'POST',
    headers: { ...auth(keys.station(station)), 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status, await res.clone().text()).toBe(200);
}

describe('status webhooks across two gateway processes', () => {
  it('delivers every event exactly once and in order per order through a SIGKILL mid-delivery', async () => {
    const [a, b] = gateways as [GatewayProcess, GatewayProcess];
    const created = await fetch(`${a.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { ...auth(keys.source), 'content-type': 'application/json' },
      body: JSON.stringify({ url: receiver.url }),
    });
    expect(created.status).toBe(201);
    await receiver.setSecret(SubscriptionCreated.parse(await created.json()).secret);
    // The first request is held open (the gateway sending it is killed meanwhile); the second fails.
    receiver.script.push('hang', { status: 500 });

    const orders: string[] = [];
    for (let i = 0; i < 12; i++) orders.push(await submit(i % 2 === 0 ? a : b, i));
    for (const [i, id] of orders.slice(0, 6).entries()) await accept(i % 2 === 0 ? b : a, id);

    // Mid-delivery: the held request has arrived; the process holding its lease dies.
    await until(
      async () => receiver.requests.some((r) => r.answer === 'hang'),
      30_000,
      () => `the first delivery to arrive (${receiver.requests.length} requests)`,
    );
    const held = receiver.requests.find((r) => r.answer === 'hang')?.id ?? '';
    const owner = (await redis.hget(`hotline:wh:d:${held}`, 'owner')) ?? '';
    const victim = gateways.find((g) => owner.split(':')[1] === String(g.child.pid));
    expect(victim, `lease owner ${owner}`).toBeDefined();
    const survivor = victim === a ? b : a;
    await victim?.kill('SIGKILL');

    // Work goes on through the survivor.
    for (const id of orders.slice(6)) await accept(survivor, id);
    const versions = new Map<string, number>();
    for (const id of orders) {
      const res = await fetch(`${survivor.url}/v1/orders/${id}`, { headers: auth(keys.source) });
      versions.set(id, OrderView.parse(await res.json()).version);
    }
    const expected = [...versions.values()].reduce((s, v) => s + v, 0);
    await until(
      async () =>
        receiver.unique.length >= expected && (await redis.zcard('hotline:wh:st:pending')) === 0,
      90_000,
      () =>
        `${expected} events delivered (${receiver.unique.length} arrived, ${receiver.requests.length} requests)`,
    );

    // Exactly once: one webhook-id per event, and every event of every order.
    const events = receiver.unique.map((u) => `${u.message.data.orderId}#${u.message.data.seq}`);
    expect(new Set(events).size).toBe(events.length);
    expect(receiver.unique).toHaveLength(expected);
    // In order per order: each order's events arrived as seq 1, 2, 3 …
    for (const [id, version] of versions)
      expect(
        receiver.unique.filter((u) => u.message.data.orderId === id).map((u) => u.message.data.seq),
        id,
      ).toEqual(Array.from({ length: version }, (_, i) => i + 1));
    expect(receiver.requests.every((r) => r.verified)).toBe(true);

    // One attempt at a time: no delivery was sent by both processes; only the one in flight when its
    // process died was sent again (the 500 was retried on purpose).
    const count = new Map<string, number>();
    for (const r of receiver.requests) count.set(r.id, (count.get(r.id) ?? 0) + 1);
    const failed = receiver.requests.find((r) => r.answer === '500')?.id ?? '';
    expect([...count].filter(([id, n]) => n > 1 && id !== held && id !== failed)).toEqual([]);
    expect(count.get(held)).toBe(2);
    expect(count.get(failed)).toBe(2);

    // The delivery log, read through the survivor: the held delivery shows only the survivor's attempt
    // (the dead process never reported); the failed one its retry on the schedule (5 s ± 10%).
    const log = async (id: string) => {
      const res = await fetch(`${survivor.url}/v1/deliveries?limit=200`, {
        headers: auth(keys.source),
      });
      return DeliveryPage.parse(await res.json()).items.find((d) => d.id === id);
    };
    expect(await log(held)).toMatchObject({ status: 'delivered', attempts: [{ status: 200 }] });
    const retried = await log(failed);
    expect(retried).toMatchObject({
      status: 'delivered',
      attempts: [{ status: 500 }, { status: 200 }],
    });
    const [first, second] = (retried?.attempts ?? []).map((t) => Date.parse(t.at));
    expect((second ?? 0) - (first ?? 0)).toBeGreaterThanOrEqual(4_500);
    process.stderr.write(
      `webhooks cluster: ${expected} events, ${receiver.requests.length} requests, ${count.get(held)} for the held delivery\n`,
    );
  }, 240_000);
});
