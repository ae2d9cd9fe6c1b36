// The cluster store (Kafka test broker + a private redis-server) passes the same OrderStore contract
// as the embedded store, and keeps the crash promises: a write the log did not take in time is
// completed later and found again by a retry, a lost produce acknowledgement makes no duplicate, and
// the views rebuilt from Kafka equal the views that were served.
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../contracts/events.js';
import { describeOrderStoreContract } from '../../test/contracts/order-store.contract.js';
import { describeSlaIndexContract } from '../../test/contracts/sla-index.contract.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../../test/support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import type { Projection, Submission } from '../../src/ports/order-store.js';
import type { OrderView } from '../../contracts/views.js';
import { ClusterOrderStore, type ClusterStoreOptions } from './cluster-order-store.js';
import { rebuildViews } from './rebuild-views.js';
import { createSlaEngine, sweepSla } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { exampleCalendar, examplePolicy } from '../../test/support/sla-fixtures.js';

let broker: KafkaTestBroker;
let redisServer: TestRedis;
let kafka: Kafka;
const clients: Redis[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'hg-cluster-store-'));
let n = 0;

beforeAll(async () => {
  [broker, redisServer] = await Promise.all([
    startKafkaTestBroker({ dataDir, defaultPartitions: 3 }),
    startTestRedis(),
  ]);
  kafka = new Kafka({
    clientId: 'cluster-store-test',
    brokers: broker.brokers,
    logLevel: logLevel.NOTHING,
    retry: { initialRetryTime: 50, maxRetryTime: 500 },
  });
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await broker.stop();
  await redisServer.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function redis(): Redis {
  const c = new Redis(redisServer.url, { enableAutoPipelining: true });
  clients.push(c);
  return c;
}

/** A store on its own topic and key prefix, so tests never see each other's orders. */
async function open(
  extra: Partial<ClusterStoreOptions> = {},
  name = `t${++n}`,
): Promise<ClusterOrderStore> {
  return ClusterOrderStore.open({
    kafka,
    redis: redis(),
    prefix: `${name}:`,
    topic: `test.${name}.order-events`,
    partitions: 3,
    reconcileEveryMs: 0,
    ...extra,
  });
}

describeOrderStoreContract('Kafka (test broker) + Redis', (o) => open(o));
describeSlaIndexContract('Kafka (test broker) + Redis', async (o) => {
  const store = await open(o);
  return { store, close: () => store.close() };
});

const at = '2026-03-02T01:00:00.000Z';
function submission(id: string, externalId: string): Submission {
  const events: NewEvent[] = [
    {
      orderId: id,
      at,
      actor: { role: 'source', id: 'bj-12345' },
      data: {
        type: 'order.received',
        order: {
          id,
          source: 'bj-12345',
          externalId,
          channel: 'phone',
          type: 'help',
          topic: ['供电'],
          title: '停电',
          content: '整栋楼停电',
          caller: {},
          location: { divisionCode: '110105019040' },
          receivedAt: '2026-03-02T08:55:00+08:00',
          urgency: 'normal',
          attachments: [],
          extra: {},
        },
      },
    },
    {
      orderId: id,
      at,
      actor: { role: 'system', id: 'router' },
      data: {
        type: 'order.dispatched',
        stationId: 'a',
        stationName: 'a',
        decision: {
          outcome: 'routed',
          rule: 'division_code',
          stationId: 'a',
          candidates: [],
          reason: 'test',
        },
      },
    },
  ];
  return {
    orderId: id,
    source: 'bj-12345',
    externalId,
    bodyHash: '',
    raw: { contentType: 'application/json', body: new TextEncoder().encode('{}'), receivedAt: at },
    events,
  };
}

describe('cluster SLA index', () => {
  it('indexes due times in Redis, and the sweepers of two processes emit each warning, breach and 督办 step once', async () => {
    let now = Date.parse('2026-03-02T09:00:00+08:00');
    const clock = { now: () => new Date(now) };
    const sla = createSlaEngine(examplePolicy, exampleCalendar, clock);
    const [a, b] = [
      await open({ project: storeProjection({ sla }) }, 'sla'),
      await open({ project: storeProjection({ sla }) }, 'sla'),
    ];
    await a.submit(submission('sla1', 'E1'));
    const first = await b.nextFireAt();
    expect(first).toBeGreaterThan(now);
    expect(await b.due(now, 10)).toEqual([]);
    now = Date.parse('2026-04-30T12:00:00+08:00');
    expect(await b.due(now, 10)).toEqual(['sla1']);
    const [ra, rb] = await Promise.all([
      sweepSla({ store: a, index: a, sla, clock }),
      sweepSla({ store: b, index: b, sla, clock }),
    ]);
    const slaEvents = (await a.events('sla1')).filter(
      (e) => e.data.type.startsWith('sla.') || e.data.type.startsWith('supervision.'),
    );
    expect(slaEvents.length).toBeGreaterThan(0);
    // The example policy's 督办 chain ran in full by then: reminder, 催办, street, district, once each.
    expect(
      slaEvents.filter((e) => e.data.type.startsWith('supervision.')).map((e) => e.data.type),
    ).toEqual([
      'supervision.reminded',
      'supervision.urged',
      'supervision.escalated',
      'supervision.escalated',
    ]);
    expect(ra.emitted + rb.emitted).toBe(slaEvents.length);
    expect((await sweepSla({ store: b, index: b, sla, clock })).emitted).toBe(0);
    expect(await a.due(now, 10)).toEqual([]);
    await a.close();
    await b.close();
  });
});

describe('cluster SLA repair', () => {
  it('re-assesses every order with the current projection, moves the due time and reports what changed', async () => {
    const before: Projection = () => ({
      nextFireAt: 1_000,
      figures: [{ target: 'resolve', cycle: 1, status: 'open', dueAt: '2026-03-09T16:00:00.000Z' }],
    });
    const after: Projection = () => ({
      nextFireAt: 5_000,
      figures: [
        { target: 'resolve', cycle: 1, status: 'overdue', dueAt: '2026-03-03T16:00:00.000Z' },
      ],
    });
    const old = await open({ project: before }, 'repair');
    await old.submit(submission('p1', 'E1'));
    await old.close();
    const store = await open({ project: after }, 'repair');
    const report = await store.repair();
    expect(report.orders).toBe(1);
    expect(report.changes).toEqual([
      {
        orderId: 'p1',
        before: before({} as OrderView).figures,
        after: after({} as OrderView).figures,
      },
    ]);
    expect(await store.nextFireAt()).toBe(5_000);
    expect((await store.repair()).changes).toEqual([]);
    await store.close();
  });
});

describe('cluster store under faults', () => {
  it('shares views between processes: a write through one store is read through another', async () => {
    const a = await open({}, 'shared');
    const b = await open({}, 'shared');
    await a.submit(submission('s1', 'E1'));
    expect(await b.get('s1')).toMatchObject({ id: 's1', version: 2, state: 'dispatched' });
    expect(await b.submit(submission('s2', 'E1'))).toMatchObject({
      status: 'existing',
      view: { id: 's1' },
    });
    await a.close();
    await b.close();
  });

  it('answers 503 when the log is down, completes the write when it is back, and a retry finds the same order', async () => {
    const name = 'outage';
    const first = await open({ writeTimeoutMs: 500 }, name);
    await first.submit(submission('before', 'E0'));
    await broker.stop();
    try {
      await expect(first.submit(submission('o1', 'E1'))).rejects.toMatchObject({
        code: 'unavailable',
        retriable: true,
      });
      // The process gives up and goes away with the write reserved but not in Kafka.
      await first.close();
    } finally {
      broker = await startKafkaTestBroker({ port: broker.port, dataDir, defaultPartitions: 3 });
    }
    const second = await open({}, name);
    expect(await second.get('o1')).toBeNull();
    expect(await second.reconcile(0)).toBe(1);
    expect(await second.get('o1')).toMatchObject({ id: 'o1', version: 2 });
    // The hotline retries the push: the same order, not a second one.
    expect(await second.submit(submission('o1-retry', 'E1'))).toMatchObject({
      status: 'existing',
      view: { id: 'o1' },
    });
    await second.close();
  }, 60_000);

  it('makes no duplicate when the broker wrote a record but its acknowledgement was lost', async () => {
    const store = await open({}, 'dropped');
    broker.dropProduceResponses(1);
    await store.submit(submission('d1', 'E1'));
    await store.append('d1', 2, [
      { orderId: 'd1', at, actor: { role: 'station', id: 'a' }, data: { type: 'order.accepted' } },
    ]);
    const served = await store.list({ limit: 100 });
    const result = await rebuildViews({ kafka, redis: redis(), store });
    expect(result).toMatchObject({ applied: 2, duplicates: 0, orders: 1 });
    expect(await store.events('d1')).toHaveLength(3);
    expect(await store.list({ limit: 100 })).toEqual(served);
    await store.close();
  }, 30_000);

  it('rebuilds the same views and rollups from Kafka after Redis lost everything, and refuses writes until then', async () => {
    const name = 'rebuild';
    const project: Projection = (view) => ({
      nextFireAt: null,
      figures: [],
      contributions: [
        {
          period: '2026-03',
          district: '110105',
          street: '110105019',
          station: view.station?.id ?? '',
          type: view.order.type,
          topic: '',
          counters: { received: 1, accepted: view.state === 'accepted' ? 1 : 0 },
          hist: [],
        },
      ],
    });
    const store = await open({ project }, name);
    for (let i = 0; i < 20; i++)
      await store.submit({
        ...submission(`r${i}`, `E${i}`),
        idempotencyKey: `k${i}`,
        bodyHash: `h${i}`,
      });
    await store.append('r3', 2, [
      { orderId: 'r3', at, actor: { role: 'station', id: 'a' }, data: { type: 'order.accepted' } },
    ]);
    // 协办: a part asked of 'helper', whose inbox index (idx:as:helper) the rebuild must restore.
    await store.append('r5', 2, [
      {
        orderId: 'r5',
        at,
        actor: { role: 'dispatcher', id: 'd' },
        data: { type: 'order.assist_requested', stationId: 'helper', stationName: 'helper' },
      },
    ]);
    const before = {
      assisted: await store.list({ stationId: 'helper', assisting: true, limit: 100 }),
      page: await store.list({ limit: 100 }),
      events: await store.events('r3'),
      raw: await store.raw('r3'),
      counters: await store.metrics.counters({ period: '2026-03' }),
    };
    expect(before.counters).toMatchObject([{ counters: { received: 20, accepted: 1 } }]);
    await store.close();

    const admin = redis();
    await admin.flushall();
    const after = await open({ project }, name);
    expect(after.ready()).toBe(false);
    await expect(after.submit(submission('x', 'X'))).rejects.toMatchObject({ code: 'unavailable' });
    const result = await rebuildViews({ kafka, redis: admin, store: after });
    expect(result).toMatchObject({ records: 22, applied: 22, orders: 20 });
    expect(await after.list({ limit: 100 })).toEqual(before.page);
    expect(before.assisted.items.map((v) => v.id)).toEqual(['r5']);
    expect(await after.list({ stationId: 'helper', assisting: true, limit: 100 })).toEqual(
      before.assisted,
    );
    expect(await after.events('r3')).toEqual(before.events);
    expect(await after.raw('r3')).toEqual(before.raw);
    expect(await after.metrics.counters({ period: '2026-03' })).toEqual(before.counters);
    // Idempotency survived the rebuild: the same key and body is the same order, another body a conflict.
    expect(
      await after.submit({ ...submission('again', 'E5'), idempotencyKey: 'k5', bodyHash: 'h5' }),
    ).toMatchObject({ status: 'existing', view: { id: 'r5' } });
    expect(
      await after.submit({
        ...submission('again', 'E99'),
        idempotencyKey: 'k5',
        bodyHash: 'other',
      }),
    ).toEqual({ status: 'key_conflict', orderId: 'r5' });
    await after.close();
  }, 30_000);
});
