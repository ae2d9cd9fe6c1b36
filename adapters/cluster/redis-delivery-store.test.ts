// The Redis delivery store passes the DeliveryStore contract against a real redis-server (each test
// under its own key prefix), and what several gateway processes add to it: two stores (two
// processes) never hold the same delivery at once, a dead owner's lease runs out, a late report from
// a superseded owner changes nothing, the same batch projected by both lands once, secrets are
// sealed in Redis, and a rebuild that renumbers the order log restarts the projection without
// delivering anything twice.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeDeliveryStoreContract } from '../../test/contracts/delivery-store.contract.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import type { NewDelivery } from '../../src/ports/delivery-store.js';
import { SecretBox } from '../../src/webhooks/secret-box.js';
import { RedisDeliveryStore } from './redis-delivery-store.js';

let server: TestRedis;
const clients: Redis[] = [];
let n = 0;
const box = new SecretBox([{ kid: 'test', key: Buffer.alloc(32, 7) }]);
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});
const connect = () => {
  const c = new Redis(server.url);
  clients.push(c);
  return c;
};

describeDeliveryStoreContract('Redis', () =>
  Promise.resolve(
    new RedisDeliveryStore({ redis: connect(), prefix: `c${++n}:wh:`, secrets: box }),
  ),
);

const t0 = Date.parse('2026-03-02T01:00:00Z');
const secret = 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=';
const delivery = (id: string, orderId: string, seq: number): NewDelivery => ({
  id,
  subscriptionId: 'sub_a',
  orderId,
  seq,
  eventType: 'order.accepted',
  payload: `{"seq":${seq}}`,
  createdAt: new Date(t0).toISOString(),
  nextAttemptAt: t0,
});

/** Two stores on two connections under one prefix: two gateway processes. */
async function twoProcesses(leaseMs = 10_000) {
  const prefix = `p${++n}:wh:`;
  const make = (owner: string) =>
    new RedisDeliveryStore({ redis: connect(), prefix, secrets: box, leaseMs, owner });
  const a = make('a');
  const b = make('b');
  await a.createSubscription({
    id: 'sub_a',
    source: 'bj-12345',
    url: 'https://hotline.example/hook',
    eventTypes: null,
    secret,
    status: 'active',
    createdAt: new Date(t0).toISOString(),
  });
  return { a, b, prefix };
}

describe('Redis delivery store across processes', () => {
  it('leases each due head to one process; the other gets it only when the lease runs out', async () => {
    const { a, b } = await twoProcesses(10_000);
    await a.enqueue([delivery('m1', 'o1', 1), delivery('m2', 'o2', 1)], 2);
    expect((await a.due(t0, 1)).map((d) => d.id)).toEqual(['m1']);
    // b sees only what a does not hold; a asking again gets its own lease back.
    expect((await b.due(t0, 10)).map((d) => d.id)).toEqual(['m2']);
    expect(await a.due(t0 + 1000, 10)).toEqual([expect.objectContaining({ id: 'm1' })]);
    expect(await b.due(t0 + 9000, 10)).toEqual([expect.objectContaining({ id: 'm2' })]);
    // a stops (dies) without reporting: b may take m1 once a's lease has run out, not before.
    expect(await b.nextDueAt()).toBe(t0); // m2, b's own
    expect((await b.due(t0 + 11_000, 10)).map((d) => d.id).sort()).toEqual(['m1', 'm2']);
  });

  it('drops an attempt reported by an owner whose lease another process took over', async () => {
    const { a, b } = await twoProcesses(10_000);
    await a.enqueue([delivery('m1', 'o1', 1), delivery('m1b', 'o1', 2)], 2);
    await a.due(t0, 10);
    await b.due(t0 + 10_001, 10); // a was too slow: b holds m1 now
    await a.recordAttempt(
      'm1',
      { at: new Date(t0).toISOString(), status: 200, durationMs: 1 },
      {
        status: 'delivered',
      },
    );
    expect(await b.get('m1')).toMatchObject({ status: 'pending', attempts: [] });
    await b.recordAttempt(
      'm1',
      { at: new Date(t0 + 10_001).toISOString(), status: 200, durationMs: 1 },
      { status: 'delivered' },
    );
    expect(await a.get('m1')).toMatchObject({ status: 'delivered' });
    // The order's next event is the lane's head now, offered to whoever asks first.
    expect((await a.due(t0 + 10_002, 10)).map((d) => d.id)).toEqual(['m1b']);
  });

  it('keeps one delivery per subscription and event when both processes project the same batch', async () => {
    const { a, b } = await twoProcesses();
    const batch = (tag: string) => [1, 2, 3].map((seq) => delivery(`${tag}-${seq}`, 'o1', seq));
    await Promise.all([
      a.enqueue(batch('x'), 3),
      b.enqueue(batch('y'), 3),
      a.enqueue(batch('z'), 2),
    ]);
    const page = await a.list({ limit: 10 });
    expect(page.items.map((d) => d.seq)).toEqual([1, 2, 3]);
    expect(await b.checkpoint()).toBe(3); // never back to 2
  });

  it('keeps the signing secret sealed in Redis and opens it for any process', async () => {
    const { a, b, prefix } = await twoProcesses();
    const redis = connect();
    const values: string[] = [];
    for (const key of await redis.keys(`${prefix}*`))
      if ((await redis.type(key)) === 'hash')
        values.push(...Object.values(await redis.hgetall(key)));
    expect(values.join('\n')).not.toContain(secret);
    expect(values.join('\n')).not.toContain(secret.slice('whsec_'.length));
    expect((await b.subscription('sub_a'))?.secret).toBe(secret);
    const other = new RedisDeliveryStore({
      redis,
      prefix,
      secrets: new SecretBox([{ kid: 'other', key: Buffer.alloc(32, 9) }]),
    });
    expect(await other.unreadableSecrets()).toEqual(['sub_a']);
    expect(await a.unreadableSecrets()).toEqual([]);
  });

  it('starts the projection again when a rebuild renumbered the log, delivering nothing twice', async () => {
    const redis = connect();
    const logGuard = { readyKey: `g${++n}:meta:ready`, markerKey: `g${n}:meta:wh-epoch` };
    const store = new RedisDeliveryStore({ redis, prefix: `g${n}:wh:`, secrets: box, logGuard });
    await store.createSubscription({
      id: 'sub_a',
      source: 'bj-12345',
      url: 'https://hotline.example/hook',
      eventTypes: null,
      secret,
      status: 'active',
      createdAt: new Date(t0).toISOString(),
    });
    await redis.set(logGuard.readyKey, '1');
    expect(await store.checkpoint()).toBe(0);
    await store.enqueue([delivery('m1', 'o1', 1)], 40);
    expect(await store.checkpoint()).toBe(40);
    // The views are being rebuilt: the ready marker goes first, then every derived key.
    await redis.del(logGuard.readyKey);
    await expect(store.enqueue([delivery('m2', 'o1', 2)], 41)).rejects.toMatchObject({
      code: 'unavailable',
    });
    await redis.del(logGuard.markerKey);
    await redis.set(logGuard.readyKey, '1');
    // A batch read before the rebuild is refused; the checkpoint starts over in the new numbering.
    await expect(store.enqueue([delivery('m2', 'o1', 2)], 41)).rejects.toMatchObject({
      code: 'unavailable',
    });
    expect(await store.checkpoint()).toBe(0);
    await store.enqueue([delivery('m1-again', 'o1', 1), delivery('m2', 'o1', 2)], 2);
    expect((await store.list({ limit: 10 })).items.map((d) => d.id)).toEqual(['m1', 'm2']);
    expect(await store.checkpoint()).toBe(2);
  });
});
