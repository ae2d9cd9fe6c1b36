// 重复件 through the HTTP surface: a repeat call of the same caller about the same matter at the same
// place joins the open order instead of being dispatched; the 202 and the order say which; the lead's
// station sees every caller; the repeat is resolved with the lead and surveyed on its own; a dispatcher
// links and unlinks by hand. A different caller or a closed original is dispatched as usual.
import { describe, expect, it } from 'vitest';
import { OrderPage, OrderView, Timeline } from '../../contracts/views.js';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, fixture, keys, type Fixture } from '../support/test-gateway.js';

const STATION = 'zhonglouwan-grid';
const station = keys.station(STATION);

function gateway() {
  const gw = createTestGateway();
  // The bundled example leaves 重复件 matching off (its tests submit the same story many times):
  // turn it on as an operator does in sla-policy.json.
  gw.deps.sla.policy = {
    ...gw.deps.sla.policy,
    duplicates: { windowDays: 14, minSimilarity: 0.35 },
  };
  return gw;
}

const first: Fixture = {
  ...fixture('03'),
  externalId: 'DUP-1',
  receivedAt: '2026-03-02T09:00:00+08:00',
};
/** The same caller, the same matter, told again in other words the next day. */
const again: Fixture = {
  ...first,
  externalId: 'DUP-2',
  caller: { name: '魏先生', phone: '13800138000' },
  title: '老人透析闭环就医还没有安排',
  content:
    '昨天反映我家老人每周一、三、五需要透析，胡同封控出不去，请社区协调医院闭环接送，到现在还没人联系。',
  receivedAt: '2026-03-03T09:00:00+08:00',
};

async function read(gw: ReturnType<typeof createTestGateway>, id: string, key = keys.admin) {
  const res = await gw.call('GET', `/v1/orders/${id}`, key);
  expect(res.status).toBe(200);
  return OrderView.parse(await res.json());
}

describe('重复件 at intake', () => {
  it('links a repeat call to the open order, says so in the 202, and shows the caller to the station', async () => {
    const gw = gateway();
    const lead = await gw.submit(first);
    expect(lead.body.state).toBe('dispatched');
    const rep = await gw.submit(again);
    expect(rep.res.status).toBe(202);
    expect(rep.body).toMatchObject({ state: 'duplicate', duplicateOf: lead.body.id });

    const repeat = await read(gw, rep.body.id);
    expect(repeat).toMatchObject({ state: 'duplicate', duplicateOf: lead.body.id, station: null });
    const events = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${rep.body.id}/timeline`, keys.admin)).json(),
    ).events;
    const link = events.find((e) => e.data.type === 'order.duplicate_linked')?.data;
    expect(link).toMatchObject({ leadId: lead.body.id });
    expect(link && 'reason' in link ? link.reason : '').toMatch(/same phone, same place/);

    // The station works one order and sees both callers on it, with the phone to call back.
    const seen = await read(gw, lead.body.id, station);
    expect(seen.joinedCallers).toEqual([
      expect.objectContaining({
        orderId: rep.body.id,
        externalId: 'DUP-2',
        caller: { name: '魏先生', phone: '+8613800138000' },
      }),
    ]);
    const inbox = OrderPage.parse(
      await (await gw.call('GET', `/v1/stations/${STATION}/orders`, station)).json(),
    );
    expect(inbox.items.map((v) => v.id)).toEqual([lead.body.id]);
    // The repeat is not the station's to read; auditors see the joined caller masked.
    expect((await gw.call('GET', `/v1/orders/${rep.body.id}`, station)).status).toBe(404);
    const audited = await read(gw, lead.body.id, keys.auditor);
    expect(audited.joinedCallers?.[0]?.caller.phone).not.toBe('+8613800138000');
    expect(audited.joinedCallers?.[0]?.caller.name).not.toBe('魏先生');
    // A retry of the repeat's push is the same order, and the caller is listed once.
    expect((await gw.submit(again)).body).toMatchObject({ id: rep.body.id, status: 'existing' });
    expect((await read(gw, lead.body.id)).joinedCallers).toHaveLength(1);
  });

  it('resolves the repeat with its lead, and each caller is surveyed on their own order', async () => {
    const gw = gateway();
    const lead = await gw.submit(first);
    const rep = await gw.submit(again);
    for (const [action, body] of [
      ['accept', {}],
      ['contact', { method: 'phone' }],
      ['resolve', { result: '已协调医院安排闭环接送透析' }],
    ] as const) {
      const res = await gw.call('POST', `/v1/orders/${lead.body.id}/${action}`, station, body);
      expect(res.status, action).toBe(200);
    }
    const repeat = await read(gw, rep.body.id);
    expect(repeat.state).toBe('resolved');
    expect(repeat.result).toContain('已协调医院安排闭环接送透析');
    const survey = { valid: true, contacted: true, solved: true, satisfaction: 'satisfied' };
    for (const id of [lead.body.id, rep.body.id]) {
      const res = await gw.call('POST', `/v1/orders/${id}/callback`, keys.source, survey);
      expect(res.status).toBe(200);
      expect(OrderView.parse(await res.json()).state).toBe('closed');
    }
  });

  it('never links silently: another caller, another place, or a closed original is dispatched', async () => {
    const gw = gateway();
    const lead = await gw.submit(first);
    const other = await gw.submit({
      ...again,
      externalId: 'DUP-3',
      caller: { name: '李女士', phone: '13900139000' },
    });
    expect(other.body.state).toBe('dispatched');
    expect(other.body).not.toHaveProperty('duplicateOf');
    const elsewhere = await gw.submit({
      ...again,
      externalId: 'DUP-4',
      location: { address: '北京市朝阳区垡头街道翠城艺园社区321楼' },
    });
    expect(elsewhere.body).not.toHaveProperty('duplicateOf');
    // The first order closed: the same call again is a new order of its own.
    for (const [action, body] of [
      ['accept', {}],
      ['resolve', { result: '已安排' }],
    ] as const)
      await gw.call('POST', `/v1/orders/${lead.body.id}/${action}`, station, body);
    await gw.call('POST', `/v1/orders/${lead.body.id}/callback`, keys.source, {
      valid: true,
      contacted: true,
      solved: true,
      satisfaction: 'satisfied',
    });
    const after = await gw.submit({ ...again, externalId: 'DUP-5' });
    expect(after.body.state).toBe('dispatched');
    expect(after.body).not.toHaveProperty('duplicateOf');
  });
});

describe('a repeat and the deadlines', () => {
  it('holds its clocks while linked: never overdue, warned or escalated; counted from the call once unlinked', async () => {
    const gw = gateway();
    gw.setNow(new Date('2026-03-03T09:00:00+08:00'));
    const lead = await gw.submit(first);
    const rep = await gw.submit(again);
    // Weeks later, past every deadline: the lead is overdue, the repeat is not.
    gw.setNow(new Date('2026-04-01T09:00:00+08:00'));
    await gw.sweep();
    const events = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${rep.body.id}/timeline`, keys.admin)).json(),
    ).events.map((e) => e.data.type);
    expect(events).toEqual(['order.received', 'order.duplicate_linked']);
    const repeat = await read(gw, rep.body.id);
    expect(new Set(repeat.sla?.figures.map((f) => f.status))).toEqual(new Set(['paused']));
    // The dispatcher's overdue queue (the store's overdue index) does not hold it.
    const listed = await gw.call('GET', '/v1/dispatch/overdue', keys.admin);
    const ids = ((await listed.json()) as { items: { order: { id: string } }[] }).items.map(
      (i) => i.order.id,
    );
    expect(ids).toContain(lead.body.id);
    expect(ids).not.toContain(rep.body.id);
    // Unlinked, it is an order of its own whose clocks ran from the call.
    await gw.call('POST', `/v1/orders/${rep.body.id}/unlink-duplicate`, keys.admin, {
      note: '另案处理',
    });
    const back = await read(gw, rep.body.id);
    expect(back.sla?.figures.find((f) => f.target === 'resolve')?.status).toBe('breached');
  });
});

describe('重复件 by hand', () => {
  it('a dispatcher links an order to the one it repeats and unlinks it again', async () => {
    const gw = gateway();
    const lead = await gw.submit(first);
    // Another phone of the same family: not matched automatically, linked by a dispatcher.
    const other = await gw.submit({
      ...again,
      externalId: 'DUP-6',
      caller: { name: '魏女士', phone: '13700137000' },
    });
    expect(other.body.state).toBe('dispatched');
    const linked = await gw.call('POST', `/v1/orders/${other.body.id}/link-duplicate`, keys.admin, {
      leadId: lead.body.id,
      note: '同一户家属反映同一件事',
    });
    expect(linked.status).toBe(200);
    expect(OrderView.parse(await linked.json())).toMatchObject({
      state: 'duplicate',
      duplicateOf: lead.body.id,
      station: null,
    });
    expect((await read(gw, lead.body.id)).joinedCallers?.map((c) => c.orderId)).toEqual([
      other.body.id,
    ]);

    const unlinked = await gw.call(
      'POST',
      `/v1/orders/${other.body.id}/unlink-duplicate`,
      keys.admin,
      { note: '核实后为两件不同诉求' },
    );
    expect(unlinked.status).toBe(200);
    const back = OrderView.parse(await unlinked.json());
    expect(back.state).toBe('triage');
    expect(back.duplicateOf).toBeUndefined();
    expect((await read(gw, lead.body.id)).joinedCallers).toEqual([]);
  });

  it('refuses bad input naming the field, other roles, and a lead that is not open', async () => {
    const gw = gateway();
    const lead = await gw.submit(first);
    const other = await gw.submit({
      ...again,
      externalId: 'DUP-7',
      caller: { phone: '13700137000' },
    });
    const path = `/v1/orders/${other.body.id}/link-duplicate`;
    for (const [body, field, status] of [
      [{ leadId: lead.body.id }, 'note', 400],
      [{ note: 'x' }, 'leadId', 400],
      [{ leadId: 'ord_nope', note: 'x' }, 'leadId', 400],
      [{ leadId: other.body.id, note: 'x' }, 'leadId', 409],
    ] as const) {
      const res = await gw.call('POST', path, keys.admin, body);
      expect(res.status, JSON.stringify(body)).toBe(status);
      expect(Problem.parse(await res.json()).errors?.map((e) => e.path)).toContain(field);
    }
    expect((await gw.call('POST', path, station, { leadId: lead.body.id, note: 'x' })).status).toBe(
      403,
    );
    const notLinked = await gw.call(
      'POST',
      `/v1/orders/${other.body.id}/unlink-duplicate`,
      keys.admin,
      { note: 'x' },
    );
    expect(notLinked.status).toBe(409);
    // A resolved lead takes no repeats.
    await gw.call('POST', `/v1/orders/${lead.body.id}/accept`, station, {});
    await gw.call('POST', `/v1/orders/${lead.body.id}/resolve`, station, { result: '已安排' });
    const late = await gw.call('POST', path, keys.admin, { leadId: lead.body.id, note: 'x' });
    expect(late.status).toBe(409);
    expect(Problem.parse(await late.json())).toMatchObject({ state: 'resolved' });
  });
});
