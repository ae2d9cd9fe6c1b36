// Raw request bytes in Redis expire RAW_RETENTION_DAYS after the order's call: the cluster store
// (Kafka test broker + a private redis-server) takes orders called long ago and lately; a sweep
// removes the old orders' bytes only, keeps their views and timelines, never removes bytes younger
// than the policy (an old call that arrived after a young one waits for it), and 0 keeps everything.
// The bytes are still in the Kafka record: a views rebuild brings them back.
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NewEvent } from '../../contracts/events.js';
import type { Submission } from '../../src/ports/order-store.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../../test/support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import { ClusterOrderStore } from './cluster-order-store.js';
import { rebuildViews } from './rebuild-views.js';
import { startRawRetention } from './redis-retention.js';

let broker: KafkaTestBroker;
let redisServer: TestRedis;
let kafka: Kafka;
const clients: Redis[] = [];
const dataDir = mkdtempSync(join(tmpdir(), 'hg-retention-'));
let n = 0;

beforeAll(async () => {
  [broker, redisServer] = await Promise.all([
    startKafkaTestBroker({ dataDir, defaultPartitions: 3 }),
    startTestRedis(),
  ]);
  kafka = new Kafka({
    clientId: 'retention-test',
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

const now = Date.parse('2026-06-01T00:00:00Z');
const day = 86_400_000;

function submission(id: string, calledDaysAgo: number): Submission {
  const at = new Date(now - calledDaysAgo * day).toISOString();
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
          externalId: `EXT-${id}`,
          channel: 'phone',
          type: 'help',
          topic: ['供电'],
          title: '停电',
          content: '整栋楼停电',
          caller: {},
          location: { divisionCode: '110105019040' },
          receivedAt: at,
          urgency: 'normal',
          attachments: [],
          extra: {},
        },
      },
    },
  ];
  return {
    orderId: id,
    source: 'bj-12345',
    externalId: `EXT-${id}`,
    bodyHash: id,
    raw: {
      contentType: 'application/json',
      body: new TextEncoder().encode(`{"id":"${id}"}`),
      receivedAt: at,
    },
    events,
  };
}

async function open() {
  const name = `r${++n}`;
  const redis = new Redis(redisServer.url);
  clients.push(redis);
  const store = await ClusterOrderStore.open({
    kafka,
    redis,
    prefix: `${name}:`,
    topic: `test.${name}.order-events`,
    partitions: 3,
    reconcileEveryMs: 0,
  });
  return { store, redis, prefix: `${name}:` };
}

const rawOf = async (store: ClusterOrderStore, id: string) =>
  (await store.raw(id)).map((r) => new TextDecoder().decode(r.body));

describe('raw request retention in Redis', () => {
  it('removes raw bytes of calls older than the policy, keeps the order and its timeline, and a rebuild brings them back', async () => {
    const { store, redis, prefix } = await open();
    // Arrival order: called 100 days ago, 40, 10, then a late push of a call 90 days ago.
    for (const [id, ago] of [
      ['o100', 100],
      ['o40', 40],
      ['o10', 10],
      ['o90', 90],
    ] as const)
      expect((await store.submit(submission(id, ago))).status).toBe('created');
    const retention = startRawRetention({
      redis,
      prefix,
      days: 30,
      // The pass it makes at start runs at a time when nothing is old yet; the test sweeps itself.
      now: () => now - 1000 * day,
      everyMs: 3_600_000,
      onError: (err) => {
        throw err;
      },
    });
    retention.stop();
    expect(await retention.sweep(now)).toEqual({ removed: 2 });
    expect(await rawOf(store, 'o100')).toEqual([]);
    expect(await rawOf(store, 'o40')).toEqual([]);
    expect(await rawOf(store, 'o10')).toEqual(['{"id":"o10"}']);
    // Arrived after a young order: kept until that one is old enough too (at least, never less).
    expect(await rawOf(store, 'o90')).toEqual(['{"id":"o90"}']);
    expect((await store.get('o100'))?.version).toBe(1);
    expect(await store.events('o100')).toHaveLength(1);
    expect(await retention.sweep(now)).toEqual({ removed: 0 });
    expect(await retention.sweep(now + 21 * day)).toEqual({ removed: 2 });
    expect(await rawOf(store, 'o90')).toEqual([]);

    // Kafka still has them: the views rebuild restores every order's bytes.
    await rebuildViews({ kafka, redis, store });
    expect(await rawOf(store, 'o100')).toEqual(['{"id":"o100"}']);
    await store.close();
  });

  it('keeps raw bytes for ever with 0 days', async () => {
    const { store, redis, prefix } = await open();
    await store.submit(submission('old', 3000));
    const retention = startRawRetention({
      redis,
      prefix,
      days: 0,
      now: () => now,
      onError: () => undefined,
    });
    expect(await retention.sweep(now)).toEqual({ removed: 0 });
    expect(await rawOf(store, 'old')).toEqual(['{"id":"old"}']);
    retention.stop();
    await store.close();
  });
});
