// 主办/协办 through the HTTP surface: a dispatcher asks another station and a department for their
// parts; each sees the order in its inbox (and by long-poll), accepts and reports its own part on
// its own clocks, and may do nothing else to the order; other stations still see nothing. The lead
// cannot resolve until the parts are in or a dispatcher closes them; every step is on the timeline.
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { OrderPage, OrderView, Timeline } from '../../contracts/views.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

type Gateway = ReturnType<typeof createTestGateway>;
const lead = 'cuicheng-yiyuan-grid';
const neighbour = 'cuicheng-xinyuan-grid';
const power = 'bj-chaoyang-power-liaison';
const stranger = 'cuicheng-xiyuan-grid';
const cst = (local: string) => new Date(`${local}+08:00`);

async function dispatcherOf(gw: Gateway) {
  const s = await gw.login('dispatcher');
  return (method: string, path: string, body?: unknown) =>
    gw.call(method, path, undefined, body, s.headers);
}
const inbox = async (gw: Gateway, station: string) =>
  OrderPage.parse(
    await (await gw.call('GET', `/v1/stations/${station}/orders`, keys.station(station))).json(),
  ).items;

/** 01 (停电 in 翠城艺园), accepted by its lead, with parts asked of 翠城馨园 and the power company. */
async function orderWithParts(gw: Gateway, externalId: string) {
  gw.setNow(cst('2026-03-02T10:00:00'));
  const { body } = await gw.submit({ ...fixture('01'), externalId });
  expect(
    (await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station(lead), {})).status,
  ).toBe(200);
  const as = await dispatcherOf(gw);
  const first = await as('POST', `/v1/orders/${body.id}/assists`, {
    stationId: neighbour,
    note: '请核实馨园侧配电箱',
  });
  expect(first.status).toBe(200);
  const second = await as('POST', `/v1/orders/${body.id}/assists`, { stationId: power });
  expect(second.status).toBe(200);
  return { id: body.id, as, view: OrderView.parse(await second.json()) };
}

describe('assisting units (协办)', () => {
  it('each see the order in their inbox, on their own clocks; strangers see nothing', async () => {
    const gw = createTestGateway();
    const { id, view } = await orderWithParts(gw, 'AS-1');
    expect(view.assists?.map((a) => [a.stationId, a.status])).toEqual([
      [neighbour, 'requested'],
      [power, 'requested'],
    ]);
    for (const unit of [neighbour, power]) {
      expect((await inbox(gw, unit)).map((o) => o.id)).toContain(id);
      const res = await gw.call('GET', `/v1/orders/${id}`, keys.station(unit));
      expect(res.status).toBe(200);
      // Seen like a station sees its own order: the caller unmasked, to call back if needed.
      const seen = OrderView.parse(await res.json());
      const asLead = OrderView.parse(
        await (await gw.call('GET', `/v1/orders/${id}`, keys.station(lead))).json(),
      );
      expect(seen.order.caller).toEqual(asLead.order.caller);
      expect(seen.order.caller.phone).toMatch(/^\+86138\d{8}$/);
      // Its own 签收 deadline: 4 working hours from the request (10:00 → 15:30 with lunch off).
      const part = seen.sla?.assists?.find((p) => p.stationId === unit);
      expect(part?.figures.find((f) => f.target === 'accept')?.dueAt).toBe(
        cst('2026-03-02T15:30:00').toISOString(),
      );
    }
    expect((await inbox(gw, stranger)).map((o) => o.id)).not.toContain(id);
    expect((await gw.call('GET', `/v1/orders/${id}`, keys.station(stranger))).status).toBe(404);
  });

  it('act only on their part; the lead resolves once the parts are in or closed', async () => {
    const gw = createTestGateway();
    const { id } = await orderWithParts(gw, 'AS-2');
    const station = (who: string, action: string, body: unknown = {}) =>
      gw.call('POST', `/v1/orders/${id}/${action}`, keys.station(who), body);

    // An assisting unit may not act on the lead's work.
    const notLead = await station(neighbour, 'resolve', { result: '已处理' });
    expect(notLead.status).toBe(403);
    // Nor may a stranger touch a part, or the lead claim one.
    expect((await station(stranger, 'assist/accept')).status).toBe(404);
    expect((await station(lead, 'assist/accept')).status).toBe(409);
    // Report before 签收: refused, naming why.
    const early = await station(neighbour, 'assist/report', { opinion: '已核实' });
    expect(early.status).toBe(409);
    expect(Problem.parse(await early.json()).detail).toContain('签收');

    gw.setNow(cst('2026-03-02T11:00:00'));
    expect((await station(neighbour, 'assist/accept', { note: '已签收' })).status).toBe(200);
    gw.setNow(cst('2026-03-02T14:00:00'));
    expect(
      (await station(neighbour, 'assist/report', { opinion: '馨园侧配电箱正常' })).status,
    ).toBe(200);
    // A bad body is a problem naming the field.
    const empty = await station(power, 'assist/report', { opinion: '' });
    expect(empty.status).toBe(400);
    expect(JSON.stringify(await empty.json())).toContain('opinion');

    // The dispatcher logs in again (the morning's session idled out on the fake clock).
    const as = await dispatcherOf(gw);
    // The power company's part is still out: the lead cannot resolve.
    const held = await station(lead, 'resolve', { result: '已恢复供电' });
    expect(held.status).toBe(409);
    expect(Problem.parse(await held.json()).detail).toContain('国网北京朝阳供电公司接诉即办联络站');

    // A reported part cannot be removed; an outstanding one is closed by the dispatcher with a note.
    expect(
      (await as('POST', `/v1/orders/${id}/assists/remove`, { stationId: neighbour, note: 'x' }))
        .status,
    ).toBe(409);
    const closed = await as('POST', `/v1/orders/${id}/assists/close`, { note: '主办已查明原因' });
    expect(closed.status).toBe(200);
    const resolved = await station(lead, 'resolve', { result: '已恢复供电' });
    expect(resolved.status).toBe(200);
    const after = OrderView.parse(await resolved.json());
    expect(after.assists?.map((a) => [a.stationId, a.status, a.opinion ?? a.endNote])).toEqual([
      [neighbour, 'reported', '馨园侧配电箱正常'],
      [power, 'closed', '主办已查明原因'],
    ]);
    // Its own clocks: 签收 at 11:00 and report at 14:00 were on time.
    const part = after.sla?.assists?.find((p) => p.stationId === neighbour);
    expect(part?.figures.map((f) => [f.target, f.status])).toEqual([
      ['accept', 'met'],
      ['resolve', 'met'],
    ]);

    const events = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.auditor)).json(),
    ).events.map((e) => e.data.type);
    expect(events).toEqual(
      expect.arrayContaining([
        'order.assist_requested',
        'order.assist_accepted',
        'order.assist_reported',
        'order.assist_closed',
      ]),
    );
  });

  it('a removed unit loses the order; a breach of its own deadline is its own event', async () => {
    const gw = createTestGateway();
    const { id, as } = await orderWithParts(gw, 'AS-3');
    const removed = await as('POST', `/v1/orders/${id}/assists/remove`, {
      stationId: neighbour,
      note: '不涉及馨园',
    });
    expect(removed.status).toBe(200);
    expect((await gw.call('GET', `/v1/orders/${id}`, keys.station(neighbour))).status).toBe(404);
    expect((await inbox(gw, neighbour)).map((o) => o.id)).not.toContain(id);

    // The power company's 签收 deadline (15:30) passes: the sweeper records the breach of that part.
    gw.setNow(cst('2026-03-02T15:31:00'));
    await gw.sweep();
    const timeline = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.admin)).json(),
    ).events;
    const partBreaches = timeline.filter(
      (e) => e.data.type === 'sla.breached' && e.data.assist !== undefined,
    );
    expect(partBreaches.map((e) => e.data)).toEqual([
      expect.objectContaining({ target: 'accept', assist: { part: 2, stationId: power } }),
    ]);
    await gw.sweep();
    const again = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.admin)).json(),
    ).events.filter((e) => e.data.type === 'sla.breached' && e.data.assist !== undefined);
    expect(again).toHaveLength(1);
  });

  it("wakes the assisting unit's long-poll when its part is asked for", async () => {
    const gw = createTestGateway();
    gw.setNow(cst('2026-03-02T10:00:00'));
    const { body } = await gw.submit({ ...fixture('01'), externalId: 'AS-5' });
    const since = new Date().toISOString();
    const polling = gw.call(
      'GET',
      `/v1/stations/${power}/orders?wait=20&since=${encodeURIComponent(since)}`,
      keys.station(power),
    );
    const as = await dispatcherOf(gw);
    expect((await as('POST', `/v1/orders/${body.id}/assists`, { stationId: power })).status).toBe(
      200,
    );
    const page = OrderPage.parse(await (await polling).json());
    expect(page.items.map((o) => o.id)).toContain(body.id);
  });

  it('refuses a bad request naming the field, and an unknown unit', async () => {
    const gw = createTestGateway();
    const { id, as } = await orderWithParts(gw, 'AS-4');
    const missing = await as('POST', `/v1/orders/${id}/assists`, {});
    expect(missing.status).toBe(400);
    expect(JSON.stringify(await missing.json())).toContain('stationId');
    const unknown = await as('POST', `/v1/orders/${id}/assists`, { stationId: 'nowhere' });
    expect(unknown.status).toBe(422);
    const leadItself = await as('POST', `/v1/orders/${id}/assists`, { stationId: lead });
    expect(leadItself.status).toBe(409);
    // A station may not ask for help on the dispatcher's route.
    expect(
      (await gw.call('POST', `/v1/orders/${id}/assists`, keys.station(lead), { stationId: power }))
        .status,
    ).toBe(403);
  });
});
