// Push to stations: a station whose own system prefers push subscribes to its assignments by signed
// webhook (POST /v1/subscriptions with its station key) and hears, in order, when an order is
// dispatched to it, re-dispatched away from it (改派), reopened to it (重办) and urged (催办); each
// message says what the event means for it. Real receivers on 127.0.0.1 verify every signature.
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { SubscriptionCreated, SubscriptionList } from '../../contracts/webhooks.js';
import { outboundTick } from '../../src/webhooks/outbound/outbound-worker.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';

const A = 'zhonglouwan-grid'; // fixture 03 is routed here
const B = 'andingmen-street';

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function setup() {
  const deliveries = new SqliteDeliveryStore({ path: ':memory:' });
  const gw = createTestGateway({
    outbound: { deliveries, checkUrl: (url) => urlAddressRefusal(url, true) },
  });
  const sender = new UndiciWebhookSender({ allowPrivate: true, timeoutMs: 2000 });
  const clock = () => Math.floor(gw.deps.clock.now().getTime() / 1000);
  const [rxA, rxB, rxSource] = await Promise.all([
    startReceiver(clock),
    startReceiver(clock),
    startReceiver(clock),
  ]);
  cleanup.push(async () => {
    await Promise.all([rxA.close(), rxB.close(), rxSource.close()]);
    await sender.close();
  });
  const subscribe = async (key: string, rx: Receiver) => {
    const res = await gw.call('POST', '/v1/subscriptions', key, { url: rx.url });
    expect(res.status).toBe(201);
    const created = SubscriptionCreated.parse(await res.json());
    await rx.setSecret(created.secret);
    return created;
  };
  /** Runs the outbound worker until nothing is left to send (each order's lane goes one by one). */
  const flush = async () => {
    for (let i = 0; i < 20; i++) {
      await outboundTick({
        orders: gw.deps.store,
        deliveries,
        sender,
        clock: gw.deps.clock,
        random: () => 0.5,
      });
      if ((await deliveries.nextDueAt()) === null) return;
    }
  };
  return { gw, rxA, rxB, rxSource, subscribe, flush };
}

const heard = (rx: Receiver) =>
  rx.unique.map((u) => `${u.message.assignment ?? '-'}:${u.message.type}#${u.message.data.seq}`);

describe('push to stations', () => {
  it('tells each station of its assignments, in order: new, re-dispatched away, reopened, 催办', async () => {
    const { gw, rxA, rxB, rxSource, subscribe, flush } = await setup();
    await subscribe(keys.station(A), rxA);
    await subscribe(keys.station(B), rxB);
    await subscribe(keys.source, rxSource);

    const { body } = await gw.submit({ ...fixture('03'), externalId: 'PUSH-1' });
    const id = body.id;
    const act = async (key: string, action: string, payload: unknown = {}) => {
      const res = await gw.call('POST', `/v1/orders/${id}/${action}`, key, payload);
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
    };
    await flush();
    expect(heard(rxA)).toEqual(['assigned:order.dispatched#2']);

    await act(keys.station(A), 'accept');
    await act(keys.admin, 'dispatch', { stationId: B, note: '改派街道' }); // seq 4
    await act(keys.station(B), 'accept');
    await act(keys.station(B), 'resolve', { result: '已协调' }); // seq 6
    await act(keys.source, 'reopen', { reason: '市民反映未解决' }); // seq 7
    await act(keys.admin, 'urge', { note: '请今日内联系市民' }); // seq 8
    await flush();

    // A heard it was taken away, and nothing of B's work; B heard everything that concerns it.
    expect(heard(rxA)).toEqual(['assigned:order.dispatched#2', 'removed:order.dispatched#4']);
    expect(heard(rxB)).toEqual([
      'assigned:order.dispatched#4',
      'reopened:order.reopened#7',
      'urged:supervision.urged#8',
    ]);
    const removed = rxA.unique[1]?.message.data.data;
    expect(removed).toMatchObject({ stationId: B, previousStationId: A });
    expect(rxB.unique[2]?.message.data.data).toMatchObject({ note: '请今日内联系市民' });
    // The platform's status webhook is as before: every event, without an assignment.
    expect(rxSource.unique.map((u) => u.message.data.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(rxSource.unique.every((u) => u.message.assignment === undefined)).toBe(true);
    for (const rx of [rxA, rxB, rxSource]) expect(rx.requests.every((r) => r.verified)).toBe(true);
  });

  it('tells an assisting unit (协办) its part was asked for and ended, and nothing of the lead’s work', async () => {
    const { gw, rxA, rxB, subscribe, flush } = await setup();
    await subscribe(keys.station(A), rxA);
    await subscribe(keys.station(B), rxB);
    const { body } = await gw.submit({ ...fixture('03'), externalId: 'PUSH-ASSIST' });
    const act = async (key: string, action: string, payload: unknown = {}) => {
      const res = await gw.call('POST', `/v1/orders/${body.id}/${action}`, key, payload);
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(200);
    };
    await act(keys.station(A), 'accept'); // seq 3
    await act(keys.admin, 'assists', { stationId: B, note: '请街道协调' }); // seq 4
    await act(keys.station(B), 'assist/accept'); // seq 5
    await act(keys.admin, 'assists/close', { note: '主办已处理' }); // seq 6
    await flush();
    expect(heard(rxB)).toEqual([
      'assisting:order.assist_requested#4',
      'assist_ended:order.assist_closed#6',
    ]);
    expect(rxB.unique[0]?.message.data.data).toMatchObject({ note: '请街道协调' });
    // The lead hears only its own assignment.
    expect(heard(rxA)).toEqual(['assigned:order.dispatched#2']);
    expect(rxB.requests.every((r) => r.verified)).toBe(true);
  });

  it("keeps a station's subscriptions and deliveries its own", async () => {
    const { gw, rxA, subscribe } = await setup();
    const sub = await subscribe(keys.station(A), rxA);
    const list = async (key: string) =>
      SubscriptionList.parse(await (await gw.call('GET', '/v1/subscriptions', key)).json()).items;
    expect((await list(keys.station(A))).map((s) => s.id)).toEqual([sub.id]);
    expect(await list(keys.station(B))).toEqual([]);
    expect(await list(keys.source)).toEqual([]);
    expect((await gw.call('DELETE', `/v1/subscriptions/${sub.id}`, keys.station(B))).status).toBe(
      404,
    );
    expect((await gw.call('DELETE', `/v1/subscriptions/${sub.id}`, keys.source)).status).toBe(404);
    expect((await gw.call('DELETE', `/v1/subscriptions/${sub.id}`, keys.station(A))).status).toBe(
      204,
    );
  });
});
