// The contract every OrderStore adapter must pass (embedded SQLite today; Kafka + Redis in cluster
// mode). Each adapter's test file calls describeOrderStoreContract with a factory.
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import { DomainError } from '../../src/domain/errors.js';
import type { OrderStore, Projection, Submission } from '../../src/ports/order-store.js';

const at = '2026-03-02T01:00:00.000Z';

function order(
  id: string,
  externalId: string,
  source = 'bj-12345',
  caller: { phone?: string | null; receivedAt?: string } = {},
): CanonicalOrder {
  return {
    id,
    source,
    externalId,
    channel: 'phone',
    type: 'help',
    topic: ['供电', '停电'],
    title: '停电',
    content: '整栋楼停电',
    caller:
      caller.phone === null
        ? { name: '黄先生' }
        : { name: '黄先生', phone: caller.phone ?? '+8613800138000' },
    location: { divisionCode: '110105019040' },
    receivedAt: caller.receivedAt ?? '2026-03-02T08:55:00+08:00',
    urgency: 'emergency',
    attachments: [],
    extra: {},
  };
}

export function submission(
  id: string,
  externalId: string,
  opts: {
    key?: string;
    hash?: string;
    station?: string;
    source?: string;
    /** The caller's phone (null: none) and the call time, for the 重复件 lookup. */
    phone?: string | null;
    receivedAt?: string;
  } = {},
): Submission {
  const source = opts.source ?? 'bj-12345';
  const station = opts.station ?? 'cuicheng-yiyuan-grid';
  const events: NewEvent[] = [
    {
      orderId: id,
      at,
      actor: { role: 'source', id: source },
      data: {
        type: 'order.received',
        order: order(id, externalId, source, {
          ...(opts.phone !== undefined ? { phone: opts.phone } : {}),
          ...(opts.receivedAt !== undefined ? { receivedAt: opts.receivedAt } : {}),
        }),
      },
    },
    {
      orderId: id,
      at,
      actor: { role: 'system', id: 'router' },
      data: {
        type: 'order.dispatched',
        stationId: station,
        stationName: station,
        decision: {
          outcome: 'routed',
          rule: 'division_code',
          stationId: station,
          candidates: [],
          reason: 'test',
        },
      },
    },
  ];
  return {
    orderId: id,
    source,
    externalId,
    idempotencyKey: opts.key,
    bodyHash: opts.hash ?? 'h1',
    raw: {
      contentType: 'application/json',
      body: new TextEncoder().encode(`{"externalId":"${externalId}"}`),
      receivedAt: at,
    },
    events,
  };
}

export const accepted = (id: string): NewEvent => ({
  orderId: id,
  at,
  actor: { role: 'station', id: 'cuicheng-yiyuan-grid' },
  data: { type: 'order.accepted' },
});

/** `makeStore(options)`: a fresh, empty store; `project` as the wiring would supply it (policy + calendar). */
export function describeOrderStoreContract(
  name: string,
  makeStore: (options?: { project?: Projection }) => Promise<OrderStore>,
) {
  describe(`OrderStore contract: ${name}`, () => {
    it('creates an order and folds its view from the events', async () => {
      const store = await makeStore();
      const out = await store.submit(submission('o1', 'E1'));
      expect(out.status).toBe('created');
      const view = await store.get('o1');
      expect(view).toMatchObject({
        id: 'o1',
        externalId: 'E1',
        state: 'dispatched',
        version: 2,
        station: { id: 'cuicheng-yiyuan-grid' },
      });
      expect((await store.events('o1')).map((e) => [e.seq, e.data.type])).toEqual([
        [1, 'order.received'],
        [2, 'order.dispatched'],
      ]);
      await store.close();
    });

    it('returns the existing order for the same source and external id', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1'));
      const again = await store.submit(submission('o2', 'E1'));
      expect(again).toMatchObject({ status: 'existing', view: { id: 'o1' } });
      expect(await store.get('o2')).toBeNull();
      expect((await store.submit(submission('o3', 'E1', { source: 'sh-12345' }))).status).toBe(
        'created',
      );
      await store.close();
    });

    it('matches an idempotency key by body hash', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1', { key: 'k' }));
      expect(await store.submit(submission('o2', 'E1', { key: 'k' }))).toMatchObject({
        status: 'existing',
        view: { id: 'o1' },
      });
      expect(await store.submit(submission('o3', 'E2', { key: 'k', hash: 'other' }))).toEqual({
        status: 'key_conflict',
        orderId: 'o1',
      });
      expect(await store.get('o3')).toBeNull();
      await store.close();
    });

    it('appends at the expected version and refuses a stale one without writing', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1'));
      expect((await store.append('o1', 2, [accepted('o1')])).state).toBe('accepted');
      const stale = store.append('o1', 2, [accepted('o1')]);
      await expect(stale).rejects.toBeInstanceOf(DomainError);
      await expect(stale).rejects.toMatchObject({ code: 'version_conflict' });
      expect(await store.events('o1')).toHaveLength(3);
      await expect(store.append('missing', 1, [accepted('missing')])).rejects.toMatchObject({
        code: 'not_found',
      });
      await store.close();
    });

    it('lets exactly one of concurrent appends at the same version win', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1'));
      const results = await Promise.allSettled(
        Array.from({ length: 10 }, () => store.append('o1', 2, [accepted('o1')])),
      );
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(await store.events('o1')).toHaveLength(3);
      await store.close();
    });

    it('lists by station, source and state, in arrival order, paged by cursor', async () => {
      const store = await makeStore();
      for (let i = 0; i < 5; i++)
        await store.submit(submission(`o${i}`, `E${i}`, { station: i % 2 ? 'a' : 'b' }));
      await store.append('o0', 2, [accepted('o0')]);
      const p1 = await store.list({ stationId: 'b', limit: 2 });
      expect(p1.items.map((v) => v.id)).toEqual(['o0', 'o2']);
      const p2 = await store.list({ stationId: 'b', limit: 2, cursor: p1.nextCursor ?? '' });
      expect(p2.items.map((v) => v.id)).toEqual(['o4']);
      expect(p2.nextCursor).toBeNull();
      expect(
        (await store.list({ stationId: 'b', states: ['accepted'], limit: 10 })).items.map(
          (v) => v.id,
        ),
      ).toEqual(['o0']);
      expect((await store.list({ source: 'sh-12345', limit: 10 })).items).toEqual([]);
      await store.close();
    });

    it('lists the orders a station assists (协办) beside those it leads, in arrival order, only when asked', async () => {
      const store = await makeStore();
      for (let i = 0; i < 4; i++)
        await store.submit(submission(`o${i}`, `E${i}`, { station: i % 2 ? 'a' : 'b' }));
      const part = (id: string, data: NewEvent['data']): NewEvent => ({
        orderId: id,
        at,
        actor: { role: 'dispatcher', id: 'd' },
        data,
      });
      const ask = (stationId: string) =>
        ({ type: 'order.assist_requested', stationId, stationName: stationId }) as const;
      // a assists o0 and o2 (b leads them); c assists o2, then is removed from it.
      await store.append('o0', 2, [part('o0', ask('a'))]);
      await store.append('o2', 2, [part('o2', ask('a')), part('o2', ask('c'))]);
      const inbox = async (stationId: string, limit = 10, cursor?: string) =>
        store.list({ stationId, assisting: true, limit, ...(cursor ? { cursor } : {}) });
      expect((await inbox('a')).items.map((v) => v.id)).toEqual(['o0', 'o1', 'o2', 'o3']);
      const p1 = await inbox('a', 3);
      expect(p1.items.map((v) => v.id)).toEqual(['o0', 'o1', 'o2']);
      expect((await inbox('a', 3, p1.nextCursor ?? '')).items.map((v) => v.id)).toEqual(['o3']);
      expect((await inbox('c')).items.map((v) => v.id)).toEqual(['o2']);
      // Without the flag a station's list is the orders it leads.
      expect((await store.list({ stationId: 'a', limit: 10 })).items.map((v) => v.id)).toEqual([
        'o1',
        'o3',
      ]);
      await store.append('o2', 4, [
        part('o2', { type: 'order.assist_removed', stationId: 'c', note: 'n' }),
      ]);
      expect((await inbox('c')).items).toEqual([]);
      expect((await inbox('a')).items.map((v) => v.id)).toContain('o2');
      await store.close();
    });

    it('lists a return awaiting review by state, off the station, and back on it when rejected', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1'));
      await store.append('o1', 2, [
        accepted('o1'),
        {
          orderId: 'o1',
          at,
          actor: { role: 'station', id: 'cuicheng-yiyuan-grid' },
          data: {
            type: 'order.returned',
            stationId: 'cuicheng-yiyuan-grid',
            reason: 'not_our_duty',
            note: '不属于本网格',
            awaitsReview: true,
          },
        },
      ]);
      const ids = async (q: Parameters<OrderStore['list']>[0]) =>
        (await store.list(q)).items.map((v) => v.id);
      expect(await ids({ states: ['returned'], limit: 10 })).toEqual(['o1']);
      expect(await ids({ stationId: 'cuicheng-yiyuan-grid', limit: 10 })).toEqual([]);
      await store.append('o1', 4, [
        {
          orderId: 'o1',
          at,
          actor: { role: 'dispatcher', id: 'dispatcher' },
          data: {
            type: 'order.return_rejected',
            stationId: 'cuicheng-yiyuan-grid',
            stationName: '翠城艺园社区网格工作站',
            note: '请继续办理',
          },
        },
      ]);
      expect(await ids({ states: ['returned'], limit: 10 })).toEqual([]);
      expect(
        await ids({ stationId: 'cuicheng-yiyuan-grid', states: ['accepted'], limit: 10 }),
      ).toEqual(['o1']);
      expect((await store.get('o1'))?.returns[0]?.review).toMatchObject({
        status: 'rejected',
        note: '请继续办理',
      });
      await store.close();
    });

    it('filters lists by receipt time, place, overdue and unsatisfied callbacks', async () => {
      // A projection that calls an order overdue once it is accepted: what the filter reads is the store's job.
      const project: Projection = (view) => ({
        nextFireAt: null,
        figures: [
          {
            target: 'accept',
            cycle: 1,
            status: view.state === 'accepted' ? 'overdue' : 'open',
            dueAt: at,
          },
        ],
      });
      const store = await makeStore({ project });
      const early = submission('o1', 'E1');
      const late = submission('o2', 'E2');
      const other = submission('o3', 'E3');
      const received = (s: Submission, receivedAt: string, divisionCode: string) => {
        const first = s.events[0];
        if (first?.data.type === 'order.received')
          first.data.order = { ...first.data.order, receivedAt, location: { divisionCode } };
      };
      received(early, '2026-03-01T10:00:00+08:00', '110105019040');
      received(late, '2026-03-05T10:00:00+08:00', '110105019041');
      received(other, '2026-03-05T11:00:00+08:00', '310110012001');
      for (const s of [early, late, other]) await store.submit(s);
      const ids = async (q: Partial<Parameters<OrderStore['list']>[0]>) =>
        (await store.list({ limit: 10, ...q })).items.map((v) => v.id);
      const march3 = Date.parse('2026-03-03T00:00:00+08:00');
      expect(await ids({ receivedFrom: march3 })).toEqual(['o2', 'o3']);
      expect(await ids({ receivedTo: march3 })).toEqual(['o1']);
      expect(await ids({ placePrefix: '110105' })).toEqual(['o1', 'o2']);
      expect(await ids({ placePrefix: '110105019041' })).toEqual(['o2']);
      await store.append('o2', 2, [accepted('o2')]);
      expect(await ids({ overdue: true })).toEqual(['o2']);
      const callback = (valid: boolean, satisfaction: 'satisfied' | 'unsatisfied'): NewEvent => ({
        orderId: 'o1',
        at,
        actor: { role: 'source', id: 'bj-12345' },
        data: { type: 'order.callback_recorded', valid, satisfaction, note: '' },
      });
      await store.append('o1', 2, [callback(true, 'unsatisfied')]);
      await store.append('o3', 2, [{ ...callback(true, 'satisfied'), orderId: 'o3' }]);
      expect(await ids({ unsatisfied: true })).toEqual(['o1']);
      expect(await ids({ unsatisfied: true, placePrefix: '31' })).toEqual([]);
      await store.close();
    });

    it('reads the log in commit order from a position', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1'));
      await store.submit(submission('o2', 'E2'));
      await store.append('o1', 2, [accepted('o1')]);
      const all = await store.readLog(0, 100);
      expect(all.map((r) => `${r.event.orderId}:${r.event.seq}`)).toEqual([
        'o1:1',
        'o1:2',
        'o2:1',
        'o2:2',
        'o1:3',
      ]);
      const positions = all.map((r) => r.position);
      expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      const rest = await store.readLog(positions[2] ?? 0, 100);
      expect(rest.map((r) => `${r.event.orderId}:${r.event.seq}`)).toEqual(['o2:2', 'o1:3']);
      expect(await store.readLog(positions.at(-1) ?? 0, 100)).toEqual([]);
      await store.close();
    });

    it("finds a caller's orders by phone since an instant, newest first, changed views included (重复件)", async () => {
      const store = await makeStore();
      const phone = '+8613800138000';
      await store.submit(submission('p1', 'P1', { receivedAt: '2026-03-01T08:00:00+08:00' }));
      await store.submit(submission('p2', 'P2', { receivedAt: '2026-03-02T08:00:00+08:00' }));
      await store.submit(submission('p3', 'P3', { phone: '+8613900139000' }));
      await store.submit(submission('p4', 'P4', { phone: null }));
      await store.append('p1', 2, [accepted('p1')]);
      const ids = async (p: string, since: string, limit = 10) =>
        (await store.byCallerPhone(p, Date.parse(since), limit)).map((v) => [v.id, v.state]);
      expect(await ids(phone, '2026-02-01T00:00:00+08:00')).toEqual([
        ['p2', 'dispatched'],
        ['p1', 'accepted'],
      ]);
      expect(await ids(phone, '2026-03-02T00:00:00+08:00')).toEqual([['p2', 'dispatched']]);
      expect(await ids(phone, '2026-02-01T00:00:00+08:00', 1)).toEqual([['p2', 'dispatched']]);
      expect(await ids('+8613900139000', '2026-02-01T00:00:00+08:00')).toEqual([
        ['p3', 'dispatched'],
      ]);
      expect(await ids('+8613700137000', '2026-02-01T00:00:00+08:00')).toEqual([]);
      await store.close();
    });

    it('keeps the raw request bytes', async () => {
      const store = await makeStore();
      await store.submit(submission('o1', 'E1'));
      const [raw] = await store.raw('o1');
      expect(new TextDecoder().decode(raw?.body)).toBe('{"externalId":"E1"}');
      expect(raw?.contentType).toBe('application/json');
      await store.close();
    });
  });
}
