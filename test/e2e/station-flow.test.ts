// The story of issue 2, end to end through the HTTP surface: a hotline pushes an order, it is routed,
// the station pulls it, accepts, contacts the citizen, resolves it, and the timeline tells it all.
import { describe, expect, it } from 'vitest';
import { OrderPage, OrderView, Timeline } from '../../contracts/views.js';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

describe('an order from intake to resolution', () => {
  it('is routed to its community station, pulled, worked and resolved, with a full timeline', async () => {
    const gw = createTestGateway();
    const order = fixture('01');
    const { res, body } = await gw.submit(order);
    expect(res.status).toBe(202);
    expect(res.headers.get('location')).toBe(`/v1/orders/${body.id}`);
    expect(body).toMatchObject({ status: 'created', state: 'dispatched' });

    const station = 'cuicheng-yiyuan-grid';
    const inbox = OrderPage.parse(
      await (await gw.call('GET', `/v1/stations/${station}/orders`, keys.station(station))).json(),
    );
    expect(inbox.items.map((o) => o.id)).toEqual([body.id]);
    expect(inbox.items[0]?.station).toEqual({ id: station, name: '翠城艺园社区网格工作站' });
    expect(inbox.items[0]?.route).toMatchObject({
      outcome: 'routed',
      rule: 'division_code',
      stationId: station,
    });
    // Stations need the caller to call back.
    expect(inbox.items[0]?.order.caller.phone).toMatch(/^\+86\d{11}$/);

    for (const [action, payload, state] of [
      ['accept', {}, 'accepted'],
      ['contact', { note: '已电话联系诉求人' }, 'contacted'],
      ['start', {}, 'in_progress'],
      ['resolve', { result: '变压器已更换，恢复市政供电', reply: '已恢复供电' }, 'resolved'],
    ] as const) {
      const r = await gw.call(
        'POST',
        `/v1/orders/${body.id}/${action}`,
        keys.station(station),
        payload,
      );
      expect(r.status, action).toBe(200);
      expect(OrderView.parse(await r.json()).state).toBe(state);
    }

    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}`, keys.source)).json(),
    );
    expect(view).toMatchObject({
      state: 'resolved',
      result: '变压器已更换，恢复市政供电',
      version: 6,
    });

    const timeline = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}/timeline`, keys.auditor)).json(),
    );
    expect(timeline.events.map((e) => [e.seq, e.data.type, e.actor.id])).toEqual([
      [1, 'order.received', 'bj-12345'],
      [2, 'order.dispatched', 'router'],
      [3, 'order.accepted', station],
      [4, 'order.contacted', station],
      [5, 'order.work_started', station],
      [6, 'order.resolved', station],
    ]);
    // Auditors read the history with personal data masked.
    const received = timeline.events[0]?.data;
    expect(received?.type === 'order.received' && received.order.caller.phone).toBe('138****8000');
    expect(JSON.stringify(timeline)).not.toContain(order.caller?.name ?? '黄');
  });

  it('names the current state when an action is not allowed in it', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const r = await gw.call(
      'POST',
      `/v1/orders/${body.id}/resolve`,
      keys.station('cuicheng-yiyuan-grid'),
      { result: 'done' },
    );
    expect(r.status).toBe(409);
    const problem = Problem.parse(await r.json());
    expect(problem).toMatchObject({ code: 'state_conflict', state: 'dispatched' });
    expect(problem.detail).toContain('dispatched');
  });

  it('lets only one of two simultaneous conflicting actions win', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const key = keys.station('cuicheng-yiyuan-grid');
    const [a, b] = await Promise.all([
      gw.call('POST', `/v1/orders/${body.id}/accept`, key, { expectedVersion: 2 }),
      gw.call('POST', `/v1/orders/${body.id}/return`, key, {
        expectedVersion: 2,
        reason: 'wrong_area',
        note: '不在本社区',
      }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const events = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}/timeline`, keys.admin)).json(),
    ).events;
    expect(
      events.filter((e) => e.data.type === 'order.accepted' || e.data.type === 'order.returned'),
    ).toHaveLength(1);
  });

  it('refuses a stale expectedVersion with 409 and changes nothing', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const key = keys.station('cuicheng-yiyuan-grid');
    expect(
      (await gw.call('POST', `/v1/orders/${body.id}/accept`, key, { expectedVersion: 2 })).status,
    ).toBe(200);
    const stale = await gw.call('POST', `/v1/orders/${body.id}/contact`, key, {
      expectedVersion: 2,
    });
    expect(stale.status).toBe(409);
    expect(Problem.parse(await stale.json()).code).toBe('version_conflict');
    expect(
      OrderView.parse(await (await gw.call('GET', `/v1/orders/${body.id}`, key)).json()).version,
    ).toBe(3);
  });
});

describe('return (退单) and re-dispatch (改派)', () => {
  it('sends a returned order, once the dispatcher accepts the return, to triage with a suggestion, and refuses the same station for 属地不符', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const first = 'cuicheng-yiyuan-grid';
    const r = await gw.call('POST', `/v1/orders/${body.id}/return`, keys.station(first), {
      reason: 'wrong_area',
      note: '321楼属翠城馨园社区',
    });
    expect(r.status).toBe(200);
    // 退单审核: the return waits for a dispatcher, who accepts it without naming a station yet.
    expect(OrderView.parse(await r.json()).state).toBe('returned');
    const accepted = await gw.call('POST', `/v1/orders/${body.id}/return-decision`, keys.admin, {
      approved: true,
    });
    expect(accepted.status).toBe(200);
    const view = OrderView.parse(await accepted.json());
    expect(view.state).toBe('triage');
    expect(view.station).toBeNull();
    expect(view.returns).toMatchObject([{ stationId: first, reason: 'wrong_area' }]);
    expect(view.route.candidates.every((c) => c.stationId !== first)).toBe(true);

    // The returning station no longer sees it.
    expect((await gw.call('GET', `/v1/orders/${body.id}`, keys.station(first))).status).toBe(404);
    const triage = OrderPage.parse(
      await (await gw.call('GET', '/v1/orders?state=triage', keys.admin)).json(),
    );
    expect(triage.items.map((o) => o.id)).toContain(body.id);

    const same = await gw.call('POST', `/v1/orders/${body.id}/dispatch`, keys.admin, {
      stationId: first,
    });
    expect(same.status).toBe(409);
    expect(Problem.parse(await same.json()).code).toBe('same_route_after_return');

    const next = 'cuicheng-xinyuan-grid';
    const d = await gw.call('POST', `/v1/orders/${body.id}/dispatch`, keys.admin, {
      stationId: next,
      note: '改派翠城馨园',
    });
    expect(d.status).toBe(200);
    expect(OrderView.parse(await d.json())).toMatchObject({
      state: 'dispatched',
      station: { id: next },
      route: { rule: 'manual' },
    });
    const inbox = OrderPage.parse(
      await (await gw.call('GET', `/v1/stations/${next}/orders`, keys.station(next))).json(),
    );
    expect(inbox.items.map((o) => o.id)).toEqual([body.id]);
  });

  it('refuses a return without a reason from the list', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const r = await gw.call(
      'POST',
      `/v1/orders/${body.id}/return`,
      keys.station('cuicheng-yiyuan-grid'),
      { note: '不归我们管' },
    );
    expect(r.status).toBe(400);
    expect(Problem.parse(await r.json()).errors?.map((e) => e.path)).toContain('reason');
  });
});

describe('extensions (延期)', () => {
  it('records a request and the dispatcher decision on the order', async () => {
    const gw = createTestGateway(); // the fake clock stands at 2026-03-02 09:00 +08:00
    const { body } = await gw.submit({
      ...fixture('01'),
      urgency: 'normal',
      receivedAt: '2026-03-02T08:30:00+08:00',
    });
    const station = keys.station('cuicheng-yiyuan-grid');
    await gw.call('POST', `/v1/orders/${body.id}/accept`, station, {});
    const req = await gw.call('POST', `/v1/orders/${body.id}/extension-requests`, station, {
      reason: '需更换变压器，工期4至5天',
      requestedDueAt: '2026-03-13T18:00:00+08:00',
    });
    expect(req.status).toBe(200);
    expect(OrderView.parse(await req.json()).extensions).toMatchObject([{ status: 'pending' }]);
    expect(
      (
        await gw.call('POST', `/v1/orders/${body.id}/extension-decision`, station, {
          approved: true,
        })
      ).status,
    ).toBe(403);
    const dec = await gw.call('POST', `/v1/orders/${body.id}/extension-decision`, keys.admin, {
      approved: true,
    });
    expect(OrderView.parse(await dec.json()).extensions).toMatchObject([
      { status: 'approved', newDueAt: '2026-03-13T18:00:00+08:00' },
    ]);
  });
});

describe('routing at intake', () => {
  it('sends an address that matches two places to triage with both candidates', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('11'));
    expect(body.state).toBe('triage');
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}`, keys.admin)).json(),
    );
    expect(view.route.outcome).toBe('triage');
    expect(view.route.candidates.map((c) => c.code).sort()).toEqual(['110105043', '430102017']);
  });
});
