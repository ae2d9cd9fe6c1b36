// 退单审核 through the HTTP surface: a station's return waits for a dispatcher (logged in as a person),
// who accepts it (re-routed, never back to a station that returned it as 属地不符) or rejects it with
// a note (back to the station, in the state it left). The decisions are events on the timeline, sent
// as status webhooks, and counted in the auditors' figures; the console's queues list what waits.
import { afterEach, describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { Figures } from '../../contracts/metrics.js';
import { OrderPage, OrderView, Timeline } from '../../contracts/views.js';
import { SubscriptionCreated } from '../../contracts/webhooks.js';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import { outboundTick } from '../../src/webhooks/outbound/outbound-worker.js';
import { DispatchQueue } from '../../src/http/routes/dispatch/schema.js';
import { dispatchMessages } from '../../adapters/cluster/dispatch-relay.js';
import { startReceiver } from '../support/webhook-receiver.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

type Gateway = ReturnType<typeof createTestGateway>;
const yiyuan = 'cuicheng-yiyuan-grid';
const xinyuan = 'cuicheng-xinyuan-grid';
const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

/** The dispatcher 李静, logged in: every call carries her session cookie and CSRF token. */
async function dispatcherOf(gw: Gateway) {
  const s = await gw.login('dispatcher');
  return (method: string, path: string, body?: unknown) =>
    gw.call(method, path, undefined, body, s.headers);
}

/** An order dispatched to 翠城艺园, accepted there, then returned with a reason. */
async function returnedOrder(
  gw: Gateway,
  externalId: string,
  reason: 'wrong_area' | 'not_our_duty' = 'wrong_area',
) {
  const { body } = await gw.submit({ ...fixture('01'), externalId });
  expect(
    (await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station(yiyuan), {})).status,
  ).toBe(200);
  const res = await gw.call('POST', `/v1/orders/${body.id}/return`, keys.station(yiyuan), {
    reason,
    note: '321楼属翠城馨园社区',
  });
  expect(res.status).toBe(200);
  return OrderView.parse(await res.json());
}

const timeline = async (gw: Gateway, id: string) =>
  Timeline.parse(await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.admin)).json())
    .events;

describe('a return waits for review', () => {
  it('is listed for the dispatcher with where the order could go now, and leaves the station', async () => {
    const gw = createTestGateway();
    const view = await returnedOrder(gw, 'RR-1');
    expect(view).toMatchObject({
      state: 'returned',
      station: null,
      returns: [{ stationId: yiyuan, fromState: 'accepted', review: { status: 'pending' } }],
    });

    const as = await dispatcherOf(gw);
    const queue = DispatchQueue.parse(await (await as('GET', '/v1/dispatch/returns')).json());
    const item = queue.items.find((i) => i.order.id === view.id);
    expect(item).toBeDefined();
    // The returning station is never offered as a place to send it.
    expect(item?.candidates.filter((c) => c.eligible).map((c) => c.stationId)).not.toContain(
      yiyuan,
    );
    // The station no longer sees it, in its inbox or by id.
    expect((await gw.call('GET', `/v1/orders/${view.id}`, keys.station(yiyuan))).status).toBe(404);
    const inbox = OrderPage.parse(
      await (await gw.call('GET', `/v1/stations/${yiyuan}/orders`, keys.station(yiyuan))).json(),
    );
    expect(inbox.items.map((o) => o.id)).not.toContain(view.id);
    // Nothing else happens to it until it is reviewed.
    const early = await as('POST', `/v1/orders/${view.id}/dispatch`, { stationId: xinyuan });
    expect(early.status).toBe(409);
    expect(Problem.parse(await early.json())).toMatchObject({
      code: 'state_conflict',
      state: 'returned',
    });
  });
});

describe('accepting a return', () => {
  it('re-routes to the station the dispatcher picks, never back to a 属地不符 returner', async () => {
    const gw = createTestGateway();
    const view = await returnedOrder(gw, 'RR-2', 'wrong_area');
    const as = await dispatcherOf(gw);

    const same = await as('POST', `/v1/orders/${view.id}/return-decision`, {
      approved: true,
      stationId: yiyuan,
    });
    expect(same.status).toBe(409);
    const problem = Problem.parse(await same.json());
    expect(problem.code).toBe('same_route_after_return');
    expect(problem.errors?.map((e) => e.path)).toContain('stationId');

    const ok = await as('POST', `/v1/orders/${view.id}/return-decision`, {
      approved: true,
      stationId: xinyuan,
      note: '改派翠城馨园',
    });
    expect(ok.status).toBe(200);
    expect(OrderView.parse(await ok.json())).toMatchObject({
      state: 'dispatched',
      station: { id: xinyuan },
      returns: [{ review: { status: 'accepted', by: '李静', note: '改派翠城馨园' } }],
    });
    const events = await timeline(gw, view.id);
    expect(events.slice(-2).map((e) => [e.data.type, e.actor.account?.name])).toEqual([
      ['order.return_accepted', '李静'],
      ['order.dispatched', '李静'],
    ]);
    const inbox = OrderPage.parse(
      await (await gw.call('GET', `/v1/stations/${xinyuan}/orders`, keys.station(xinyuan))).json(),
    );
    expect(inbox.items.map((o) => o.id)).toEqual([view.id]);
  });

  it('without a station, waits in triage with the router suggesting another station', async () => {
    const gw = createTestGateway();
    const view = await returnedOrder(gw, 'RR-3', 'not_our_duty');
    const as = await dispatcherOf(gw);
    const res = await as('POST', `/v1/orders/${view.id}/return-decision`, { approved: true });
    expect(res.status).toBe(200);
    const next = OrderView.parse(await res.json());
    expect(next.state).toBe('triage');
    expect(next.route.candidates.every((c) => c.stationId !== yiyuan)).toBe(true);
    const triage = DispatchQueue.parse(await (await as('GET', '/v1/dispatch/triage')).json());
    expect(triage.items.map((i) => i.order.id)).toContain(view.id);
  });
});

describe('rejecting a return', () => {
  it('sends the order back to the station in the state it left, with the note it reads', async () => {
    const gw = createTestGateway();
    const view = await returnedOrder(gw, 'RR-4', 'not_our_duty');
    const as = await dispatcherOf(gw);

    const bare = await as('POST', `/v1/orders/${view.id}/return-decision`, { approved: false });
    expect(bare.status).toBe(400);
    expect(Problem.parse(await bare.json()).errors?.map((e) => e.path)).toContain('note');
    const elsewhere = await as('POST', `/v1/orders/${view.id}/return-decision`, {
      approved: false,
      note: '请继续办理',
      stationId: xinyuan,
    });
    expect(elsewhere.status).toBe(400);
    expect(Problem.parse(await elsewhere.json()).errors?.map((e) => e.path)).toContain('stationId');

    const res = await as('POST', `/v1/orders/${view.id}/return-decision`, {
      approved: false,
      note: '321楼属本网格，请继续办理',
    });
    expect(res.status).toBe(200);
    const mine = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${view.id}`, keys.station(yiyuan))).json(),
    );
    expect(mine).toMatchObject({
      state: 'accepted',
      station: { id: yiyuan },
      returns: [{ review: { status: 'rejected', note: '321楼属本网格，请继续办理', by: '李静' } }],
    });
    expect((await timeline(gw, view.id)).at(-1)?.data).toEqual({
      type: 'order.return_rejected',
      stationId: yiyuan,
      stationName: '翠城艺园社区网格工作站',
      note: '321楼属本网格，请继续办理',
    });
    // The station works on: the order is in its inbox again and it can resolve it.
    const resolved = await gw.call('POST', `/v1/orders/${view.id}/resolve`, keys.station(yiyuan), {
      result: '已恢复供电',
    });
    expect(resolved.status).toBe(200);
  });
});

describe('who may review', () => {
  it('refuses stations and auditors, on the decision and on the queues', async () => {
    const gw = createTestGateway();
    const view = await returnedOrder(gw, 'RR-5');
    const station = await gw.call(
      'POST',
      `/v1/orders/${view.id}/return-decision`,
      keys.station(yiyuan),
      { approved: false, note: 'x' },
    );
    expect(station.status).toBe(403);
    for (const queue of ['triage', 'returns', 'extensions', 'overdue']) {
      expect((await gw.call('GET', `/v1/dispatch/${queue}`, keys.station(yiyuan))).status).toBe(
        403,
      );
      expect((await gw.call('GET', `/v1/dispatch/${queue}`, keys.auditor)).status).toBe(403);
    }
    const s = await gw.login('yiyuan');
    expect(
      (await gw.call('GET', '/v1/dispatch/returns', undefined, undefined, s.headers)).status,
    ).toBe(403);
  });
});

describe('the decisions as status webhooks', () => {
  it('reach the hotline that subscribed to them', async () => {
    const deliveries = new SqliteDeliveryStore({ path: ':memory:' });
    const gw = createTestGateway({
      outbound: { deliveries, checkUrl: (url) => urlAddressRefusal(url, true) },
    });
    const sender = new UndiciWebhookSender({ allowPrivate: true, timeoutMs: 2000 });
    const rx = await startReceiver(() => Math.floor(gw.deps.clock.now().getTime() / 1000));
    cleanup.push(async () => {
      await rx.close();
      await sender.close();
    });
    const sub = await gw.call('POST', '/v1/subscriptions', keys.source, {
      url: rx.url,
      eventTypes: ['order.returned', 'order.return_accepted', 'order.return_rejected'],
    });
    expect(sub.status).toBe(201);
    await rx.setSecret(SubscriptionCreated.parse(await sub.json()).secret);

    const a = await returnedOrder(gw, 'RR-6', 'not_our_duty');
    const b = await returnedOrder(gw, 'RR-7', 'not_our_duty');
    const as = await dispatcherOf(gw);
    await as('POST', `/v1/orders/${a.id}/return-decision`, { approved: true, stationId: xinyuan });
    await as('POST', `/v1/orders/${b.id}/return-decision`, { approved: false, note: '请继续办理' });

    const tick = () =>
      outboundTick({
        orders: gw.deps.store,
        deliveries,
        sender,
        clock: gw.deps.clock,
        random: () => 0.5,
      });
    await expect
      .poll(
        async () => {
          await tick();
          return rx.unique.map((r) => `${r.message.data.orderId}:${r.message.type}`).sort();
        },
        { timeout: 20_000 },
      )
      .toEqual(
        [
          `${a.id}:order.returned`,
          `${a.id}:order.return_accepted`,
          `${b.id}:order.returned`,
          `${b.id}:order.return_rejected`,
        ].sort(),
      );
  });
});

describe('the figures', () => {
  it('count returns awaiting review, accepted and rejected, and the return rate', async () => {
    const gw = createTestGateway();
    const as = await dispatcherOf(gw);
    const accepted = await returnedOrder(gw, 'RR-8', 'not_our_duty');
    const rejected = await returnedOrder(gw, 'RR-9', 'not_our_duty');
    await returnedOrder(gw, 'RR-10', 'not_our_duty');
    await gw.submit({ ...fixture('01'), externalId: 'RR-11' });
    await as('POST', `/v1/orders/${accepted.id}/return-decision`, {
      approved: true,
      stationId: xinyuan,
    });
    await as('POST', `/v1/orders/${rejected.id}/return-decision`, {
      approved: false,
      note: '请继续办理',
    });
    const res = await gw.call('GET', '/v1/metrics/figures?period=2025-07', keys.auditor);
    expect(res.status).toBe(200);
    const figures = Figures.parse(await res.json());
    expect(figures.returnReview).toEqual({ awaitingReview: 0, accepted: 0, rejected: 0 });
    // The returns happened now (2026-03 on the test clock), under the returning station.
    const now = Figures.parse(
      await (await gw.call('GET', '/v1/metrics/figures?period=2026-03', keys.auditor)).json(),
    );
    expect(now.returnReview).toEqual({ awaitingReview: 1, accepted: 1, rejected: 1 });
    // Orders received in July 2025 (the fixture's call time): 3 of 4 returned.
    expect(figures.returnRate).toBe(0.75);
  });
});

describe('the console queues', () => {
  it('list pending extension requests until decided, and overdue orders by the deadline missed first', async () => {
    const gw = createTestGateway(); // the fake clock stands at 2026-03-02 09:00 +08:00
    const as = await dispatcherOf(gw);
    const station = keys.station(yiyuan);
    const submit = async (externalId: string, receivedAt: string) =>
      (
        await gw.submit({
          ...fixture('01'),
          urgency: 'normal',
          externalId,
          receivedAt,
        })
      ).body.id;
    const asking = await submit('Q-1', '2026-03-02T08:30:00+08:00');
    await gw.call('POST', `/v1/orders/${asking}/accept`, station, {});
    await gw.call('POST', `/v1/orders/${asking}/extension-requests`, station, {
      reason: '需更换变压器',
      requestedDueAt: '2026-03-13T18:00:00+08:00',
    });
    const ext = DispatchQueue.parse(await (await as('GET', '/v1/dispatch/extensions')).json());
    expect(ext.items.map((i) => i.order.id)).toEqual([asking]);
    await as('POST', `/v1/orders/${asking}/extension-decision`, { approved: false, note: '不批' });
    const after = DispatchQueue.parse(await (await as('GET', '/v1/dispatch/extensions')).json());
    expect(after.items).toEqual([]);

    // Arrival order is not age: the later call arrives first.
    const younger = await submit('Q-2', '2026-02-27T10:00:00+08:00');
    const older = await submit('Q-3', '2026-02-25T10:00:00+08:00');
    gw.setNow(new Date('2026-03-20T09:00:00+08:00'));
    await gw.sweep();
    const later = await dispatcherOf(gw); // the earlier session expired meanwhile
    const overdue = DispatchQueue.parse(await (await later('GET', '/v1/dispatch/overdue')).json());
    const ids = overdue.items.map((i) => i.order.id);
    expect(ids.indexOf(older)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(older)).toBeLessThan(ids.indexOf(younger));
  });
});

describe('the dispatch stream (cluster mode)', () => {
  it('tells the station its rejected return is back in its hands, as an assignment', async () => {
    const gw = createTestGateway();
    const view = await returnedOrder(gw, 'RR-12', 'not_our_duty');
    const as = await dispatcherOf(gw);
    await as('POST', `/v1/orders/${view.id}/return-decision`, {
      approved: false,
      note: '请继续办理',
    });
    const events = await timeline(gw, view.id);
    const last = events.at(-1);
    if (!last) throw new Error('no events');
    const messages = dispatchMessages(
      { v: 1, orderId: view.id, fromSeq: last.seq, events: [last] },
      view.order,
    );
    expect(messages).toMatchObject([
      {
        kind: 'assigned',
        stationId: yiyuan,
        stationName: '翠城艺园社区网格工作站',
        messageId: `${view.id}:${last.seq}`,
      },
    ]);
  });
});
