// Status webhooks out, proven against a real receiver on 127.0.0.1 that fails (500), hangs past the
// timeout, answers 429 with Retry-After, then recovers. The retry schedule runs on the fake clock;
// the receiver verifies every signature with the gateway's inbound verifier and deduplicates by
// webhook-id. Every event of the platform's orders arrives once, in order per order.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DeliveryPage, SubscriptionCreated, type Delivery } from '../../contracts/webhooks.js';
import { Problem } from '../../contracts/problem.js';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { outboundTick } from '../../src/webhooks/outbound/outbound-worker.js';
import type { DeliveryStore } from '../../src/ports/delivery-store.js';
import type { OrderStore } from '../../src/ports/order-store.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { loadSecretKeys } from '../../src/config/secret-keys.js';

const TIMEOUT_MS = 300;
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

/** A test gateway whose status webhooks may reach loopback, driven tick by tick on its fake clock. */
async function setup(
  paths?: { orders: OrderStore; deliveries: DeliveryStore },
  receiver?: Receiver,
) {
  const deliveries = paths?.deliveries ?? new SqliteDeliveryStore({ path: ':memory:' });
  const gw = createTestGateway({
    outbound: { deliveries, checkUrl: (url) => urlAddressRefusal(url, true) },
    ...(paths ? { store: paths.orders } : {}),
  });
  const sender = new UndiciWebhookSender({ allowPrivate: true, timeoutMs: TIMEOUT_MS });
  const rx =
    receiver ??
    (await startReceiver(() => Math.floor(Date.parse('2026-03-02T09:00:00+08:00') / 1000)));
  cleanup.push(async () => {
    if (!receiver) await rx.close();
    await sender.close();
  });
  let now = gw.deps.clock.now().getTime();
  rx.clockSeconds = () => Math.floor(gw.deps.clock.now().getTime() / 1000);
  const tick = () =>
    outboundTick({
      orders: gw.deps.store,
      deliveries,
      sender,
      clock: gw.deps.clock,
      random: () => 0.5,
    });
  const advance = async (ms: number) => {
    now += ms;
    gw.setNow(new Date(now));
    await tick();
  };
  return { gw, rx, deliveries, sender, tick, advance, t0: now };
}

async function subscribe(
  gw: ReturnType<typeof createTestGateway>,
  rx: Receiver,
  key = keys.source,
  eventTypes?: string[],
) {
  const res = await gw.call('POST', '/v1/subscriptions', key, {
    url: rx.url,
    ...(eventTypes ? { eventTypes } : {}),
  });
  expect(res.status).toBe(201);
  const created = SubscriptionCreated.parse(await res.json());
  await rx.setSecret(created.secret);
  return created;
}

const act = async (
  gw: ReturnType<typeof createTestGateway>,
  id: string,
  station: string,
  action: string,
  body: unknown = {},
) => {
  const res = await gw.call('POST', `/v1/orders/${id}/${action}`, keys.station(station), body);
  expect(res.status, `${action} ${await res.clone().text()}`).toBeLessThan(300);
};

async function deliveriesOf(
  gw: ReturnType<typeof createTestGateway>,
  query = '',
): Promise<Delivery[]> {
  const res = await gw.call('GET', `/v1/deliveries${query}`, keys.source);
  expect(res.status).toBe(200);
  return DeliveryPage.parse(await res.json()).items;
}

describe('status webhooks to a real receiver', () => {
  it('retries on the schedule through 500, a timeout and a 429 Retry-After, then delivers everything once and in order', async () => {
    const { gw, rx, tick, advance, t0 } = await setup();
    await subscribe(gw, rx);
    rx.script.push({ status: 500 }, 'hang', { status: 429, retryAfter: '3600' });

    const a = (await gw.submit(fixture('01'))).body; // → cuicheng-yiyuan-grid
    await tick(); // t0: first attempt → 500
    expect(rx.requests.map((r) => r.answer)).toEqual(['500']);
    // The station keeps working while the platform's endpoint is down: these queue behind seq 1.
    const station = 'cuicheng-yiyuan-grid';
    await act(gw, a.id, station, 'accept');
    await act(gw, a.id, station, 'contact', { note: '已电话联系诉求人' });
    await tick();
    expect(rx.requests).toHaveLength(1); // nothing overtakes the failed first event

    await advance(4_000);
    expect(rx.requests).toHaveLength(1); // 5 s are not up yet (no jitter: random = 0.5)
    await advance(1_000); // t0 + 5 s: second attempt, the receiver hangs past the timeout
    expect(rx.requests.map((r) => r.answer)).toEqual(['500', 'hang']);
    await advance(5 * 60_000); // + 5 min: third attempt → 429, Retry-After one hour
    expect(rx.requests.map((r) => r.answer)).toEqual(['500', 'hang', '429']);
    await advance(30 * 60_000); // the schedule alone would retry now; Retry-After says not before an hour
    expect(rx.requests).toHaveLength(3);
    await advance(30 * 60_000); // one hour after the 429: the receiver has recovered
    const b = (await gw.submit(fixture('02'))).body;
    await act(gw, a.id, station, 'resolve', {
      result: '变压器已更换，恢复市政供电',
      reply: '已恢复供电',
    });
    await tick();

    // Every event of both orders arrived; the receiver processed each webhook-id once, even the
    // one it stored before hanging (it came again with the same id).
    const events = [...(await gw.store.events(a.id)), ...(await gw.store.events(b.id))];
    expect(rx.unique.map((u) => `${u.message.data.orderId}#${u.message.data.seq}`).sort()).toEqual(
      events.map((e) => `${e.orderId}#${e.seq}`).sort(),
    );
    expect(rx.requests.length).toBeGreaterThan(rx.unique.length);
    expect(rx.requests.every((r) => r.verified)).toBe(true);
    for (const id of [a.id, b.id]) {
      const seqs = rx.unique
        .filter((u) => u.message.data.orderId === id)
        .map((u) => u.message.data.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    const resolved = rx.unique.find((u) => u.message.type === 'order.resolved');
    expect(resolved?.message.data).toMatchObject({
      orderId: a.id,
      externalId: fixture('01').externalId,
      data: { type: 'order.resolved', result: '变压器已更换，恢复市政供电' },
    });

    // The attempts log tells the story of the first delivery, on the schedule.
    const first = (await deliveriesOf(gw, `?orderId=${a.id}`)).find((d) => d.seq === 1);
    expect(first?.status).toBe('delivered');
    const at = (ms: number) => new Date(t0 + ms).toISOString();
    expect(first?.attempts.map((x) => ({ at: x.at, status: x.status, error: x.error }))).toEqual([
      { at: at(0), status: 500, error: 'HTTP 500' },
      { at: at(5_000), status: undefined, error: `timeout after ${TIMEOUT_MS} ms` },
      { at: at(5_000 + 300_000), status: 429, error: 'HTTP 429' },
      { at: at(5_000 + 300_000 + 3_600_000), status: 200, error: undefined },
    ]);
    expect((await deliveriesOf(gw)).every((d) => d.status === 'delivered')).toBe(true);
  });

  it('after the last retry a delivery is dead, listed as such, and a replay delivers it with the same webhook-id', async () => {
    const { gw, rx, tick, advance } = await setup();
    await subscribe(gw, rx, keys.source, ['order.dispatched']);
    rx.script.push(...Array.from({ length: 8 }, () => ({ status: 503 })));
    const a = (await gw.submit(fixture('01'))).body;
    await tick();
    for (const wait of [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000])
      await advance(wait);
    expect(rx.requests).toHaveLength(8);
    await advance(100 * 3_600_000);
    expect(rx.requests).toHaveLength(8); // no ninth attempt

    const dead = DeliveryPage.parse(
      await (await gw.call('GET', '/v1/deliveries/dead', keys.source)).json(),
    ).items;
    expect(
      dead.map((d) => ({
        orderId: d.orderId,
        eventType: d.eventType,
        attempts: d.attempts.length,
      })),
    ).toEqual([{ orderId: a.id, eventType: 'order.dispatched', attempts: 8 }]);
    const deadId = dead[0]?.id ?? '';
    // Another platform can neither see nor replay it.
    expect(
      DeliveryPage.parse(
        await (await gw.call('GET', '/v1/deliveries/dead', keys.otherSource)).json(),
      ).items,
    ).toEqual([]);
    expect(
      (await gw.call('POST', `/v1/deliveries/${deadId}/replay`, keys.otherSource, {})).status,
    ).toBe(404);

    const replay = await gw.call('POST', `/v1/deliveries/${deadId}/replay`, keys.source, {});
    expect(replay.status).toBe(202);
    await tick();
    expect(rx.requests.at(-1)).toMatchObject({ id: deadId, answer: '200', verified: true });
    expect((await deliveriesOf(gw)).map((d) => d.status)).toEqual(['delivered']);
    // Replaying what was delivered is a conflict, not a second send.
    const again = await gw.call('POST', `/v1/deliveries/${deadId}/replay`, keys.source, {});
    expect(again.status).toBe(409);
    expect(Problem.parse(await again.json()).code).toBe('state_conflict');
  });

  it('410 Gone disables the subscription: no more requests, the reason shown on it', async () => {
    const { gw, rx, tick, advance } = await setup();
    const sub = await subscribe(gw, rx);
    rx.script.push({ status: 410 });
    await gw.submit(fixture('01'));
    await tick();
    await gw.submit(fixture('02'));
    await advance(60_000);
    expect(rx.requests).toHaveLength(1);
    const list = (await (await gw.call('GET', '/v1/subscriptions', keys.source)).json()) as {
      items: { id: string; status: string; disabledReason?: string }[];
    };
    expect(list.items).toEqual([
      expect.objectContaining({
        id: sub.id,
        status: 'disabled',
        disabledReason: expect.stringContaining('410') as unknown,
      }),
    ]);
  });

  it('delivers only the event types asked for, and only to the platform that owns the order', async () => {
    const { gw, rx, tick } = await setup();
    await subscribe(gw, rx, keys.source, ['order.accepted']);
    const a = (await gw.submit(fixture('01'))).body;
    await gw.submit(fixture('07')); // sh-12345's order: not bj's business
    await act(gw, a.id, 'cuicheng-yiyuan-grid', 'accept');
    await tick();
    expect(rx.unique.map((u) => [u.message.type, u.message.data.orderId])).toEqual([
      ['order.accepted', a.id],
    ]);
  });

  it('keeps pending deliveries across a restart of the gateway (same SQLite file)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-webhooks-'));
    const path = join(dir, 'gateway.sqlite');
    // Secrets at rest: the development key the gateway would make in its data directory.
    const secrets = loadSecretKeys({}, 'development', dir).box;
    const first = await setup({
      orders: new SqliteOrderStore({ path }),
      deliveries: new SqliteDeliveryStore({ path, secrets }),
    });
    await subscribe(first.gw, first.rx);
    first.rx.script.push({ status: 500 });
    const a = (await first.gw.submit(fixture('01'))).body;
    await first.tick(); // seq 1 fails; seq 2 waits behind it
    expect(first.rx.requests.map((r) => r.answer)).toEqual(['500']);
    await first.gw.deps.store.close();
    await first.deliveries.close();

    // A new gateway on the same file, the same receiver still listening: it picks up where the first stopped.
    const second = await setup(
      {
        orders: new SqliteOrderStore({ path }),
        deliveries: new SqliteDeliveryStore({ path, secrets }),
      },
      first.rx,
    );
    cleanup.push(async () => {
      await second.gw.deps.store.close();
      await second.deliveries.close();
    });
    second.gw.setNow(new Date(first.t0));
    await second.tick();
    expect(first.rx.requests).toHaveLength(1); // the retry is not due yet: its time was stored, not forgotten
    await second.advance(5_000);
    expect(first.rx.unique.map((u) => u.message.data.seq)).toEqual([1, 2]);
    expect(first.rx.unique.every((u) => u.message.data.orderId === a.id)).toBe(true);
    expect((await second.deliveries.list({ limit: 10 })).items.map((d) => d.status)).toEqual([
      'delivered',
      'delivered',
    ]);
  });
});
