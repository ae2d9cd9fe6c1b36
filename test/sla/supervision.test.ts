// 督办 on a fake clock, to the second: the example policy reminds the station 24 h before the resolve
// deadline, 催办 when it passes, escalates to the street one working day later and to the district
// two working days after that; each step once, on the timeline and on the platform's status webhook.
// Supervisors see their escalation queue inside their scope and can 催办 / 督办 by hand.
import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { SubscriptionCreated } from '../../contracts/webhooks.js';
import { OrderView, Timeline } from '../../contracts/views.js';
import { Problem } from '../../contracts/problem.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { PrincipalDirectory } from '../../src/http/principal.js';
import { SupervisionQueue } from '../../src/http/routes/supervision/queue.js';
import { outboundTick } from '../../src/webhooks/outbound/outbound-worker.js';
import { createTestGateway, exampleConfigDir, fixture, keys } from '../support/test-gateway.js';
import { startReceiver } from '../support/webhook-receiver.js';

const cst = (local: string) => new Date(`${local}+08:00`);
const iso = (local: string) => cst(local).toISOString();
const STATION = 'zhonglouwan-grid'; // fixture 03: 东城区 安定门街道 (110101004)

/** Extra principals: supervisors of 安定门街道, of 东城区, and of 朝阳区 (outside the order's place). */
const supervisorKeys = {
  street: 'test-supervisor-andingmen',
  district: 'test-supervisor-dongcheng',
  elsewhere: 'test-supervisor-chaoyang',
};
const files = loadConfigFiles(exampleConfigDir);
const hash = (key: string) => `sha256:${createHash('sha256').update(key).digest('hex')}`;
const principals = new PrincipalDirectory([
  ...files.principals.principals,
  ...(
    [
      ['street', '110101004'],
      ['district', '110101'],
      ['elsewhere', '110105'],
    ] as const
  ).map(([who, scope]) => ({
    id: `supervisor-${who}`,
    role: 'supervisor' as const,
    scope,
    keyHashes: [hash(supervisorKeys[who])],
    demo: false,
  })),
]);

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
});

async function scenario() {
  const deliveries = new SqliteDeliveryStore({ path: ':memory:' });
  const gw = createTestGateway({
    principals,
    outbound: { deliveries, checkUrl: (url) => urlAddressRefusal(url, true) },
  });
  gw.setNow(cst('2026-03-02T10:00:00'));
  const { body } = await gw.submit({
    ...fixture('03'),
    urgency: 'normal',
    type: 'help',
    receivedAt: '2026-03-02T10:00:00+08:00',
  });
  expect(body.state).toBe('dispatched');
  const accepted = await gw.call('POST', `/v1/orders/${body.id}/accept`, keys.station(STATION), {});
  expect(accepted.status).toBe(200);
  return { gw, deliveries, id: body.id };
}

async function supervisionEvents(gw: ReturnType<typeof createTestGateway>, id: string) {
  const t = Timeline.parse(
    await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.admin)).json(),
  );
  return t.events
    .filter((e) => e.data.type.startsWith('supervision.'))
    .map((e) => {
      const d = e.data;
      const what =
        d.type === 'supervision.escalated' ? `escalated:${d.level}` : d.type.split('.')[1];
      const station = 'stationId' in d ? d.stationId : '-';
      return `${what}@${e.at} ${e.actor.role} ${station}`;
    });
}

async function queue(gw: ReturnType<typeof createTestGateway>, key: string) {
  const res = await gw.call('GET', '/v1/supervision/queue', key);
  expect(res.status).toBe(200);
  return SupervisionQueue.parse(await res.json());
}

describe('the supervision chain on a fake clock', () => {
  it('reminds, urges and escalates to the street and then the district at their due seconds, once each', async () => {
    const { gw, id } = await scenario();
    // resolve: 7 working days from the day after the call → due 2026-03-12 00:00 (24:00 of the 11th).
    const steps: [string, string | null][] = [
      ['2026-03-10T23:59:59', null],
      ['2026-03-11T00:00:00', 'reminded'],
      ['2026-03-11T23:59:59', null],
      ['2026-03-12T00:00:00', 'urged'],
      ['2026-03-12T23:59:59', null],
      ['2026-03-13T00:00:00', 'escalated:street'], // one working day after the due time
      ['2026-03-16T23:59:59', null], // the weekend of the 14th and 15th does not count
      ['2026-03-17T00:00:00', 'escalated:district'], // two working days after the street's
    ];
    const seen: string[] = [];
    for (const [local, expected] of steps) {
      gw.setNow(cst(local));
      await gw.sweep();
      await gw.sweep(); // a second sweep at the same second adds nothing
      if (expected) seen.push(`${expected}@${iso(local)} system ${STATION}`);
      expect(await supervisionEvents(gw, id), `at ${local}`).toEqual(seen);
    }
    gw.setNow(cst('2026-04-30T00:00:00'));
    await gw.sweep();
    expect(await supervisionEvents(gw, id)).toEqual(seen); // nothing after the last step

    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.station(STATION))).json(),
    );
    expect(view.supervision).toMatchObject({ level: 'district', urges: 1 });
    expect(view.supervision?.escalations.map((x) => [x.level, x.by])).toEqual([
      ['street', 'policy'],
      ['district', 'policy'],
    ]);
  });

  it('supervises nothing once the order is resolved before the reminder', async () => {
    const { gw, id } = await scenario();
    const station = keys.station(STATION);
    await gw.call('POST', `/v1/orders/${id}/contact`, station, { method: 'phone' });
    gw.setNow(cst('2026-03-10T23:59:59'));
    const res = await gw.call('POST', `/v1/orders/${id}/resolve`, station, { result: '已处理' });
    expect(res.status).toBe(200);
    gw.setNow(cst('2026-04-30T00:00:00'));
    await gw.sweep();
    expect(await supervisionEvents(gw, id)).toEqual([]);
  });

  it('stops the chain where the station resolves: no escalation after the 催办 was answered', async () => {
    const { gw, id } = await scenario();
    gw.setNow(cst('2026-03-12T00:00:00'));
    await gw.sweep();
    gw.setNow(cst('2026-03-12T15:00:00'));
    const station = keys.station(STATION);
    await gw.call('POST', `/v1/orders/${id}/contact`, station, { method: 'phone' });
    await gw.call('POST', `/v1/orders/${id}/resolve`, station, { result: '已处理' });
    gw.setNow(cst('2026-04-30T00:00:00'));
    await gw.sweep();
    expect((await supervisionEvents(gw, id)).map((e) => e.split('@')[0])).toEqual([
      'reminded',
      'urged',
    ]);
  });

  it('sends each step to the platform as a signed status webhook', async () => {
    const { gw, deliveries, id } = await scenario();
    const sender = new UndiciWebhookSender({ allowPrivate: true, timeoutMs: 2000 });
    const rx = await startReceiver(() => Math.floor(gw.deps.clock.now().getTime() / 1000));
    cleanup.push(async () => {
      await rx.close();
      await sender.close();
    });
    const res = await gw.call('POST', '/v1/subscriptions', keys.source, {
      url: rx.url,
      eventTypes: ['supervision.reminded', 'supervision.urged', 'supervision.escalated'],
    });
    expect(res.status).toBe(201);
    await rx.setSecret(SubscriptionCreated.parse(await res.json()).secret);
    const tick = () =>
      outboundTick({
        orders: gw.deps.store,
        deliveries,
        sender,
        clock: gw.deps.clock,
        random: () => 0.5,
      });
    for (const local of ['2026-03-11T00:00:00', '2026-03-12T00:00:00', '2026-03-13T00:00:00']) {
      gw.setNow(cst(local));
      await gw.sweep();
      await tick();
    }
    // Each delivery's lane waits for the one before it; a few ticks let the last one through.
    for (let i = 0; i < 5 && rx.unique.length < 3; i++) await tick();
    expect(rx.requests.every((r) => r.verified)).toBe(true);
    expect(rx.unique.map((u) => [u.message.type, u.message.data.orderId])).toEqual([
      ['supervision.reminded', id],
      ['supervision.urged', id],
      ['supervision.escalated', id],
    ]);
  });
});

describe('the escalation queue', () => {
  it('holds an order for the street once escalated to the street, for the district once escalated to it, inside each scope', async () => {
    const { gw, id } = await scenario();
    const ids = async (key: string) => (await queue(gw, key)).items.map((v) => v.id);

    gw.setNow(cst('2026-03-12T00:00:00')); // overdue and urged, not escalated yet
    await gw.sweep();
    expect(await ids(supervisorKeys.street)).toEqual([]);

    gw.setNow(cst('2026-03-13T00:00:00'));
    await gw.sweep();
    expect(await ids(supervisorKeys.street)).toEqual([id]);
    expect(await ids(supervisorKeys.district)).toEqual([]); // not the district's yet
    expect(await ids(keys.admin)).toEqual([id]);

    gw.setNow(cst('2026-03-17T00:00:00'));
    await gw.sweep();
    expect(await ids(supervisorKeys.district)).toEqual([id]);
    expect(await ids(supervisorKeys.street)).toEqual([id]); // still the street's problem too
    expect(await ids(supervisorKeys.elsewhere)).toEqual([]); // another district's supervisor
    const q = await queue(gw, supervisorKeys.district);
    expect(q.level).toBe('district');
    // Supervisors read personal data masked, as auditors do.
    expect(q.items[0]?.order.caller.phone ?? '').not.toMatch(/\d{11}/);

    // Once resolved, the order leaves every queue.
    const station = keys.station(STATION);
    await gw.call('POST', `/v1/orders/${id}/contact`, station, { method: 'phone' });
    await gw.call('POST', `/v1/orders/${id}/resolve`, station, { result: '已处理' });
    expect(await ids(supervisorKeys.street)).toEqual([]);
    expect(await ids(supervisorKeys.district)).toEqual([]);
  });

  it('is for supervisors and admins only, and a supervisor logged in with an account sees theirs', async () => {
    const { gw } = await scenario();
    for (const key of [keys.auditor, keys.source, keys.station(STATION)])
      expect((await gw.call('GET', '/v1/supervision/queue', key)).status).toBe(403);
    expect((await gw.call('GET', '/v1/supervision/queue')).status).toBe(401);
    const person = await gw.login('supervisor-dongcheng');
    const res = await gw.call('GET', '/v1/supervision/queue', undefined, undefined, person.headers);
    expect(res.status).toBe(200);
    expect(SupervisionQueue.parse(await res.json()).level).toBe('district');
  });
});

describe('催办 and 督办 by hand', () => {
  it('records a 催办 with the note and who urged, for the station holding the order', async () => {
    const { gw, id } = await scenario();
    gw.setNow(cst('2026-03-05T10:00:00'));
    const res = await gw.call('POST', `/v1/orders/${id}/urge`, supervisorKeys.street, {
      note: '群众反映强烈，请今日内联系',
    });
    expect(res.status).toBe(200);
    const view = OrderView.parse(await res.json());
    expect(view.supervision?.urges).toBe(1);
    const events = Timeline.parse(
      await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.station(STATION))).json(),
    ).events;
    expect(events.at(-1)).toMatchObject({
      at: iso('2026-03-05T10:00:00'),
      actor: { role: 'supervisor', id: 'supervisor-street' },
      data: { type: 'supervision.urged', stationId: STATION, note: '群众反映强烈，请今日内联系' },
    });
    // By hand takes nothing from the policy: its own 催办 still comes at the deadline.
    gw.setNow(cst('2026-03-12T00:00:00'));
    await gw.sweep();
    expect((await supervisionEvents(gw, id)).map((e) => e.split('@')[0])).toEqual([
      'urged',
      'reminded',
      'urged',
    ]);
  });

  it("督办 at the caller's level puts an overdue order in that level's queue at once", async () => {
    const { gw, id } = await scenario();
    gw.setNow(cst('2026-03-12T08:00:00'));
    await gw.sweep(); // overdue since midnight, not escalated by the policy yet
    expect((await queue(gw, supervisorKeys.district)).items).toEqual([]);
    const res = await gw.call('POST', `/v1/orders/${id}/supervise`, supervisorKeys.district, {
      note: '区级督办：三日内办结',
    });
    expect(res.status).toBe(200);
    const view = OrderView.parse(await res.json());
    expect(view.supervision?.level).toBe('district');
    expect(view.supervision?.escalations).toEqual([
      {
        level: 'district',
        at: iso('2026-03-12T08:00:00'),
        by: 'supervisor-district',
        note: '区级督办：三日内办结',
        stationId: STATION,
      },
    ]);
    expect((await queue(gw, supervisorKeys.district)).items.map((v) => v.id)).toEqual([id]);
    // A street supervisor's own 督办 is at the street unless they say otherwise.
    const street = await gw.call('POST', `/v1/orders/${id}/supervise`, supervisorKeys.street, {
      note: '街道跟进',
    });
    expect(OrderView.parse(await street.json()).supervision?.escalations.at(-1)?.level).toBe(
      'street',
    );
  });

  it('refuses bad notes with a problem naming the field, other roles, other scopes and closed states', async () => {
    const { gw, id } = await scenario();
    for (const [path, body] of [
      ['urge', {}],
      ['urge', { note: '   ' }],
      ['supervise', { note: '督办', level: 'city' }],
    ] as const) {
      const res = await gw.call('POST', `/v1/orders/${id}/${path}`, supervisorKeys.street, body);
      expect(res.status).toBe(400);
      const problem = Problem.parse(await res.json());
      expect(problem.errors?.map((e) => e.path)).toContain('level' in body ? 'level' : 'note');
    }
    const station = keys.station(STATION);
    expect((await gw.call('POST', `/v1/orders/${id}/urge`, station, { note: 'x' })).status).toBe(
      403,
    );
    expect(
      (await gw.call('POST', `/v1/orders/${id}/urge`, keys.auditor, { note: 'x' })).status,
    ).toBe(403);
    // Outside the supervisor's scope the order does not exist for them.
    expect(
      (await gw.call('POST', `/v1/orders/${id}/supervise`, supervisorKeys.elsewhere, { note: 'x' }))
        .status,
    ).toBe(404);
    await gw.call('POST', `/v1/orders/${id}/contact`, station, { method: 'phone' });
    await gw.call('POST', `/v1/orders/${id}/resolve`, station, { result: '已处理' });
    const late = await gw.call('POST', `/v1/orders/${id}/urge`, supervisorKeys.street, {
      note: '催办',
    });
    expect(late.status).toBe(409);
    expect(Problem.parse(await late.json())).toMatchObject({ state: 'resolved' });
  });
});
