// Tests of the TEST EQUIPMENT Kafka broker (test/support/kafka): the real kafkajs client against the broker
// on 127.0.0.1, no mocks. What is proven here is what the cluster-mode adapters rely on.
import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  Kafka,
  logLevel,
  type Admin,
  type Consumer,
  type ConsumerConfig,
  type IHeaders,
  type KafkaConfig,
  type Producer,
  type ProducerConfig,
} from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  startKafkaTestBroker,
  type KafkaTestBroker,
  type KafkaTestBrokerOptions,
} from './broker.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');

// Everything a test starts is registered here and torn down after it, whatever the outcome.
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) {
    const fn = cleanups.pop()!;
    await fn().catch(() => undefined);
  }
});

async function broker(options: KafkaTestBrokerOptions = {}): Promise<KafkaTestBroker> {
  const b = await startKafkaTestBroker(options);
  cleanups.push(() => b.stop());
  return b;
}

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kafka-test-broker-'));
  cleanups.push(async () => {
    rmSync(dir, { recursive: true, force: true });
  });
  return dir;
}

function kafka(brokers: string[], extra: Partial<KafkaConfig> = {}): Kafka {
  return new Kafka({
    clientId: 'broker-test',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1000,
    requestTimeout: 5000,
    retry: { retries: 5, initialRetryTime: 50, maxRetryTime: 300 },
    ...extra,
  });
}

async function admin(k: Kafka): Promise<Admin> {
  const a = k.admin();
  await a.connect();
  cleanups.push(() => a.disconnect());
  return a;
}

async function producer(k: Kafka, config: ProducerConfig = {}): Promise<Producer> {
  const p = k.producer({ idempotent: true, maxInFlightRequests: 1, ...config });
  await p.connect();
  cleanups.push(() => p.disconnect());
  return p;
}

const fastGroup = {
  sessionTimeout: 6000,
  rebalanceTimeout: 3000,
  heartbeatInterval: 200,
  maxWaitTimeInMs: 200,
} as const;

function consumer(k: Kafka, groupId: string, config: Partial<ConsumerConfig> = {}): Consumer {
  const c = k.consumer({ groupId, ...fastGroup, ...config });
  cleanups.push(() => c.disconnect());
  return c;
}

interface Received {
  key: string;
  value: string;
  partition: number;
  offset: number;
  headers: IHeaders;
  timestamp: string;
}

/** Subscribes from the beginning and records every message handed to eachMessage. */
async function consumeInto(c: Consumer, topic: string, into: Received[]): Promise<void> {
  await c.connect();
  await c.subscribe({ topic, fromBeginning: true });
  await c.run({
    eachMessage: async ({ partition, message }) => {
      into.push({
        key: message.key?.toString() ?? '',
        value: message.value?.toString() ?? '',
        partition,
        offset: Number(message.offset),
        headers: message.headers ?? {},
        timestamp: message.timestamp,
      });
    },
  });
}

async function waitFor(
  what: string,
  cond: () => boolean | Promise<boolean>,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(25);
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function highWatermarks(a: Admin, topic: string): Promise<number[]> {
  const offsets = await a.fetchTopicOffsets(topic);
  return offsets.sort((x, y) => x.partition - y.partition).map((o) => Number(o.high));
}

/** The broker as a separate process (the CLI), so it can be SIGKILLed. */
async function spawnBroker(
  port: number,
  dataDir: string,
): Promise<{ port: number; child: ChildProcess; kill(): Promise<void> }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', join(here, 'cli.ts'), '--port', String(port), '--data', dataDir],
    {
      cwd: root,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  const kill = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  cleanups.push(kill);
  let out = '';
  child.stderr?.on('data', (d: Buffer) => {
    out += d.toString();
  });
  const listening = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`broker process did not start: ${out}`));
    }, 15_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /listening on [^:]+:(\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`broker process exited ${String(code)}: ${out}`));
    });
  });
  return { port: listening, child, kill };
}

describe('Kafka test broker (test equipment) with the real kafkajs client', () => {
  it('creates topics through the admin API and reports them in metadata, led by the one broker', async () => {
    const b = await broker({ autoCreateTopics: false });
    const a = await admin(kafka(b.brokers, { retry: { retries: 1, initialRetryTime: 50 } }));

    expect(
      await a.createTopics({
        topics: [
          { topic: 'orders', numPartitions: 3 },
          { topic: 'dispatch', numPartitions: 2 },
        ],
      }),
    ).toBe(true);
    expect(await a.createTopics({ topics: [{ topic: 'orders', numPartitions: 3 }] })).toBe(false); // already exists
    expect((await a.listTopics()).sort()).toEqual(['dispatch', 'orders']);

    const { topics } = await a.fetchTopicMetadata({ topics: ['orders'] });
    expect(topics).toHaveLength(1);
    expect(topics[0]!.partitions.map((p) => p.partitionId).sort()).toEqual([0, 1, 2]);
    for (const p of topics[0]!.partitions) {
      expect(p.leader).toBe(1);
      expect(p.replicas).toEqual([1]);
      expect(p.isr).toEqual([1]);
    }
    expect(await highWatermarks(a, 'orders')).toEqual([0, 0, 0]);

    // With auto-creation off, an unknown topic is unknown; a single node cannot hold three replicas.
    await expect(a.fetchTopicMetadata({ topics: ['nobody-created-this'] })).rejects.toThrow(
      /does not host this topic-partition/,
    );
    await expect(
      a.createTopics({ topics: [{ topic: 'replicated', replicationFactor: 3 }] }),
    ).rejects.toMatchObject({ errors: [{ type: 'INVALID_REPLICATION_FACTOR' }] });
    expect(await a.listTopics()).not.toContain('replicated');

    await a.deleteTopics({ topics: ['dispatch'] });
    expect(await a.listTopics()).toEqual(['orders']);
  });

  it('auto-creates a topic with the default partition count when a producer asks for it', async () => {
    const b = await broker({ defaultPartitions: 2 });
    const k = kafka(b.brokers);
    const p = await producer(k);
    const [meta] = await p.send({
      topic: 'auto-created',
      messages: [{ key: 'a', value: 'first' }],
    });
    expect(meta?.errorCode).toBe(0);
    const a = await admin(k);
    expect(await a.listTopics()).toContain('auto-created');
    expect((await highWatermarks(a, 'auto-created')).reduce((x, y) => x + y, 0)).toBe(1);
    expect(await highWatermarks(a, 'auto-created')).toHaveLength(2);
  });

  it('idempotent acks=-1 production to 3 partitions keyed by id is consumed by a group in per-key order', async () => {
    const b = await broker({ autoCreateTopics: false });
    const k = kafka(b.brokers);
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'order-events', numPartitions: 3 }] });
    const p = await producer(k);
    const keys = Array.from({ length: 20 }, (_, i) => `order-${i}`);
    const rounds = 10;
    for (let r = 0; r < rounds; r++) {
      const acks = await p.send({
        topic: 'order-events',
        acks: -1,
        messages: keys.map((key) => ({ key, value: `${key}#${r}` })),
      });
      expect(acks.every((m) => m.errorCode === 0)).toBe(true);
    }
    expect((await highWatermarks(a, 'order-events')).reduce((x, y) => x + y, 0)).toBe(
      keys.length * rounds,
    );

    const got: Received[] = [];
    await consumeInto(consumer(k, 'views'), 'order-events', got);
    await waitFor('all 200 messages', () => got.length >= keys.length * rounds);
    await sleep(300); // nothing more may arrive
    expect(got).toHaveLength(keys.length * rounds);

    for (const key of keys) {
      const mine = got.filter((m) => m.key === key);
      expect(mine.map((m) => m.value)).toEqual(
        Array.from({ length: rounds }, (_, r) => `${key}#${r}`),
      );
      expect(new Set(mine.map((m) => m.partition)).size).toBe(1); // a key stays on one partition
    }
    expect(new Set(got.map((m) => m.partition))).toEqual(new Set([0, 1, 2]));
    for (const partition of [0, 1, 2]) {
      const offsets = got.filter((m) => m.partition === partition).map((m) => m.offset);
      expect(offsets).toEqual(offsets.map((_, i) => i)); // contiguous offsets from 0, in order
    }
  });

  it('committed offsets survive a consumer restart: a new consumer in the group continues after the last commit', async () => {
    const b = await broker();
    const k = kafka(b.brokers);
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'resume', numPartitions: 2 }] });
    const p = await producer(k);
    await p.send({
      topic: 'resume',
      messages: Array.from({ length: 6 }, (_, i) => ({ key: `k${i}`, value: `before-${i}` })),
    });

    const first: Received[] = [];
    const c1 = consumer(k, 'resumers');
    await consumeInto(c1, 'resume', first);
    await waitFor('the first six', () => first.length >= 6);
    await waitFor('offsets committed', async () => {
      const [t] = await a.fetchOffsets({ groupId: 'resumers', topics: ['resume'] });
      return (t?.partitions ?? []).reduce((n, x) => n + Math.max(0, Number(x.offset)), 0) === 6;
    });
    await c1.disconnect();

    await p.send({
      topic: 'resume',
      messages: Array.from({ length: 4 }, (_, i) => ({ key: `k${i}`, value: `after-${i}` })),
    });
    const second: Received[] = [];
    await consumeInto(consumer(k, 'resumers'), 'resume', second); // fromBeginning only applies without a commit
    await waitFor('the four new ones', () => second.length >= 4);
    await sleep(300);
    expect(first.map((m) => m.value).sort()).toEqual([
      'before-0',
      'before-1',
      'before-2',
      'before-3',
      'before-4',
      'before-5',
    ]);
    expect(second.map((m) => m.value).sort()).toEqual(['after-0', 'after-1', 'after-2', 'after-3']);
  });

  it('two consumers in one group share the partitions, and a rebalance hands all back when one leaves', async () => {
    const b = await broker();
    const k = kafka(b.brokers);
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'stations', numPartitions: 4 }] });
    const assigned = new Map<string, number[]>();
    const track = (name: string, c: Consumer): void => {
      c.on(c.events.GROUP_JOIN, (e) => {
        assigned.set(name, [...(e.payload.memberAssignment.stations ?? [])].sort());
      });
    };
    const gotA: Received[] = [];
    const gotB: Received[] = [];
    const cA = consumer(k, 'inbox');
    const cB = consumer(k, 'inbox');
    track('A', cA);
    track('B', cB);
    await consumeInto(cA, 'stations', gotA);
    await waitFor('A owns all four', () => assigned.get('A')?.length === 4);

    await consumeInto(cB, 'stations', gotB);
    await waitFor('A and B split the partitions', () => {
      const pa = assigned.get('A') ?? [];
      const pb = assigned.get('B') ?? [];
      return pa.length > 0 && pb.length > 0 && [...pa, ...pb].sort().join() === '0,1,2,3';
    });

    await waitFor('the group to be stable with both', async () => {
      const { groups } = await a.describeGroups(['inbox']);
      return groups[0]?.state === 'Stable' && groups[0].members.length === 2;
    });
    const { groups } = await a.describeGroups(['inbox']);
    expect(groups[0]?.protocol).toBe('RoundRobinAssigner'); // the assigner kafkajs's leader used

    const p = await producer(k);
    await p.send({
      topic: 'stations',
      messages: Array.from({ length: 40 }, (_, i) => ({ key: `station-${i}`, value: `v${i}` })),
    });
    await waitFor('40 delivered between them', () => gotA.length + gotB.length >= 40);
    expect(gotA.length).toBeGreaterThan(0);
    expect(gotB.length).toBeGreaterThan(0);
    expect(new Set([...gotA, ...gotB].map((m) => m.value)).size).toBe(40);
    expect(gotA.every((m) => assigned.get('A')!.includes(m.partition))).toBe(true);

    await cB.disconnect(); // LeaveGroup: the broker starts a rebalance at once
    await waitFor('A owns all four again', () => assigned.get('A')?.length === 4);
    const before = gotA.length;
    await p.send({
      topic: 'stations',
      messages: Array.from({ length: 20 }, (_, i) => ({ key: `station-${i}`, value: `w${i}` })),
    });
    await waitFor('A gets all 20 new ones', () => gotA.length - before >= 20);
    expect(new Set(gotA.slice(before).map((m) => m.partition)).size).toBeGreaterThan(1);
  });

  it('a member that stops heartbeating is dropped after its session timeout and the survivor takes its partitions', async () => {
    const b = await broker();
    const k = kafka(b.brokers);
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'sweeps', numPartitions: 2 }] });

    // The ghost's network can be cut: its sockets die and new ones are refused, like a crashed process.
    let cut = false;
    const ghostSockets = new Set<Socket>();
    const ghostKafka = kafka(b.brokers, {
      retry: { retries: 0 },
      connectionTimeout: 300,
      socketFactory: ({ host, port, onConnect }) => {
        const s = connect({ host, port: cut ? 1 : port }, onConnect);
        ghostSockets.add(s);
        return s;
      },
    });
    const assigned = new Map<string, number[]>();
    const survivor = consumer(k, 'sweepers');
    const ghost = consumer(ghostKafka, 'sweepers', {
      sessionTimeout: 1500,
      retry: { retries: 0, restartOnFailure: async () => false },
    });
    survivor.on(survivor.events.GROUP_JOIN, (e) => {
      assigned.set('survivor', [...(e.payload.memberAssignment.sweeps ?? [])]);
    });
    ghost.on(ghost.events.GROUP_JOIN, (e) => {
      assigned.set('ghost', [...(e.payload.memberAssignment.sweeps ?? [])]);
    });
    await consumeInto(survivor, 'sweeps', []);
    await waitFor('survivor owns both', () => assigned.get('survivor')?.length === 2);
    await consumeInto(ghost, 'sweeps', []);
    await waitFor(
      'one partition each',
      () => assigned.get('survivor')?.length === 1 && assigned.get('ghost')?.length === 1,
    );

    cut = true;
    for (const s of ghostSockets) s.destroy(new Error('network cut'));
    const cutAt = Date.now();
    await waitFor('survivor owns both again', () => assigned.get('survivor')?.length === 2, 10_000);
    expect(Date.now() - cutAt).toBeGreaterThanOrEqual(1000); // it was the session timeout (1.5 s), not a LeaveGroup
  });

  it('a produce whose acknowledgement is lost is retried, and the idempotent producer is deduplicated by sequence', async () => {
    const b = await broker();
    const k = kafka(b.brokers);
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'intake', numPartitions: 1 }] });
    const idempotent = await producer(k);
    const plain = await producer(k, { idempotent: false });

    b.dropProduceResponses(1); // appended, then the connection drops before the answer
    await idempotent.send({
      topic: 'intake',
      acks: -1,
      messages: [{ key: 'o1', value: 'idempotent' }],
    });
    expect(await highWatermarks(a, 'intake')).toEqual([1]);

    // The same fault with a non-idempotent producer shows the retry really happened: it duplicates.
    b.dropProduceResponses(1);
    await plain.send({ topic: 'intake', acks: -1, messages: [{ key: 'o2', value: 'plain' }] });
    expect(await highWatermarks(a, 'intake')).toEqual([3]);

    const got: Received[] = [];
    await consumeInto(consumer(k, 'dedupe'), 'intake', got);
    await waitFor('three records', () => got.length >= 3);
    expect(got.map((m) => m.value)).toEqual(['idempotent', 'plain', 'plain']);
  });

  it('a broker SIGKILLed mid-production and restarted on the same port and data dir loses nothing acknowledged and duplicates nothing', async () => {
    const dataDir = tempDir();
    let proc = await spawnBroker(0, dataDir);
    const port = proc.port;
    const brokers = [`127.0.0.1:${port}`];
    const k = kafka(brokers, {
      connectionTimeout: 500,
      requestTimeout: 3000,
      retry: { retries: 40, initialRetryTime: 100, maxRetryTime: 400 },
    });
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'ledger', numPartitions: 3 }] });
    const p = await producer(k);

    const total = 120;
    const acknowledged: string[] = [];
    let failure: unknown = null;
    const producing = (async () => {
      for (let i = 0; i < total; i++) {
        await p.send({
          topic: 'ledger',
          acks: -1,
          messages: [{ key: `order-${i % 7}`, value: `m${i}` }],
        });
        acknowledged.push(`m${i}`);
      }
    })().catch((err: unknown) => {
      failure = err;
    });

    await waitFor('some acknowledged', () => acknowledged.length >= 30 || failure !== null);
    await proc.kill(); // SIGKILL: no clean shutdown
    const atKill = acknowledged.length;
    await sleep(200);
    proc = await spawnBroker(port, dataDir);
    await producing;
    expect(failure).toBeNull();
    expect(acknowledged.length).toBe(total);
    expect(atKill).toBeLessThan(total); // the kill really happened mid-production

    expect((await highWatermarks(a, 'ledger')).reduce((x, y) => x + y, 0)).toBe(total);
    const got: Received[] = [];
    await consumeInto(consumer(k, 'auditors'), 'ledger', got);
    await waitFor('every record', () => got.length >= total);
    await sleep(300);
    const values = got.map((m) => m.value);
    expect(values).toHaveLength(total);
    expect(new Set(values)).toEqual(new Set(acknowledged));
    for (let key = 0; key < 7; key++) {
      const seq = got.filter((m) => m.key === `order-${key}`).map((m) => Number(m.value.slice(1)));
      expect(seq).toEqual([...seq].sort((x, y) => x - y)); // per-key order kept across the crash
    }
  });

  it('stopped and started again on the same port and data dir, it keeps topics, records and committed offsets', async () => {
    const dataDir = tempDir();
    const first = await startKafkaTestBroker({ dataDir, autoCreateTopics: false });
    let current = first;
    cleanups.push(() => current.stop());
    const k = kafka(first.brokers, {
      retry: { retries: 20, initialRetryTime: 50, maxRetryTime: 200 },
    });
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'views', numPartitions: 2 }] });
    const p = await producer(k);
    await p.send({
      topic: 'views',
      messages: Array.from({ length: 5 }, (_, i) => ({ key: `k${i}`, value: `old-${i}` })),
    });
    const before: Received[] = [];
    const c1 = consumer(k, 'projector');
    await consumeInto(c1, 'views', before);
    await waitFor('five consumed', () => before.length >= 5);
    await waitFor('offsets committed', async () => {
      const [t] = await a.fetchOffsets({ groupId: 'projector', topics: ['views'] });
      return (t?.partitions ?? []).reduce((n, x) => n + Math.max(0, Number(x.offset)), 0) === 5;
    });
    await c1.disconnect();

    await first.stop();
    current = await startKafkaTestBroker({ port: first.port, dataDir, autoCreateTopics: false });
    expect(current.port).toBe(first.port);

    const a2 = await admin(kafka(current.brokers)); // the old admin's connections died with the broker
    expect(await a2.listTopics()).toEqual(['views']);
    expect((await highWatermarks(a2, 'views')).reduce((x, y) => x + y, 0)).toBe(5);
    // The same idempotent producer continues its sequences (nonzero now): the broker rebuilt its state from the log.
    await p.send({
      topic: 'views',
      messages: Array.from({ length: 3 }, (_, i) => ({ key: `k${i}`, value: `new-${i}` })),
    });
    const after: Received[] = [];
    await consumeInto(consumer(k, 'projector'), 'views', after);
    await waitFor('three new', () => after.length >= 3);
    await sleep(300);
    expect(after.map((m) => m.value).sort()).toEqual(['new-0', 'new-1', 'new-2']);
  });

  it('after a crash that tore the last write, it starts, drops the torn tail and keeps serving the whole records', async () => {
    const dataDir = tempDir();
    const first = await startKafkaTestBroker({ dataDir });
    let current = first;
    cleanups.push(() => current.stop());
    const p1 = await producer(kafka(first.brokers));
    for (let i = 0; i < 3; i++)
      await p1.send({ topic: 'torn', messages: [{ value: `whole-${i}` }] });
    await p1.disconnect();
    await first.stop();
    // Half a record batch at the end of the partition's log, as a crash in the middle of a write leaves it.
    appendFileSync(
      join(dataDir, 'logs', 'torn-0.log'),
      Buffer.from([0, 0, 0, 0, 0, 0, 0, 3, 0, 0, 0, 90, 0, 0, 0, 0, 2, 1, 2]),
    );

    const second = await startKafkaTestBroker({ port: first.port, dataDir });
    current = second;
    const p2 = await producer(kafka(second.brokers));
    await p2.send({ topic: 'torn', messages: [{ value: 'after-restart' }] });
    await p2.disconnect();
    // A second restart reads the record written after the recovery: the torn bytes were cut, not left behind it.
    await second.stop();
    current = await startKafkaTestBroker({ port: first.port, dataDir });
    const k = kafka(current.brokers);
    const got: Received[] = [];
    await consumeInto(consumer(k, 'readers'), 'torn', got);
    await waitFor('four records', () => got.length >= 4);
    await sleep(200);
    expect(got.map((m) => [m.offset, m.value])).toEqual([
      [0, 'whole-0'],
      [1, 'whole-1'],
      [2, 'whole-2'],
      [3, 'after-restart'],
    ]);
  });

  it('headers (traceparent and binary), keys and timestamps round-trip unchanged', async () => {
    const b = await broker();
    const k = kafka(b.brokers);
    const p = await producer(k);
    const traceparent = '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01';
    const binary = Buffer.from([0, 1, 2, 0xfe, 0xff]);
    await p.send({
      topic: 'traced',
      messages: [
        {
          key: '工单-12345',
          value: '{"诉求":"噪音扰民"}',
          timestamp: '1700000000123',
          headers: { traceparent, 'x-bin': binary },
        },
      ],
    });
    const got: Received[] = [];
    await consumeInto(consumer(k, 'tracers'), 'traced', got);
    await waitFor('the message', () => got.length >= 1);
    const [m] = got;
    expect(m?.key).toBe('工单-12345');
    expect(m?.value).toBe('{"诉求":"噪音扰民"}');
    expect(m?.timestamp).toBe('1700000000123');
    expect(String(m?.headers.traceparent)).toBe(traceparent);
    expect(Buffer.compare(m?.headers['x-bin'] as Buffer, binary)).toBe(0);
  });

  it('Fetch long-polls: an idle fetch is held for max_wait_ms, and one in progress wakes as soon as data arrives', async () => {
    const b = await broker();
    const k = kafka(b.brokers);
    const a = await admin(k);
    await a.createTopics({ topics: [{ topic: 'pulls', numPartitions: 1 }] });
    const maxWait = 2000;
    const c = consumer(k, 'pullers', { maxWaitTimeInMs: maxWait });
    const fetches: { batches: number; duration: number }[] = [];
    let fetchStartedAt = 0;
    c.on(c.events.FETCH_START, () => {
      fetchStartedAt = Date.now();
    });
    c.on(c.events.FETCH, (e) => {
      fetches.push({ batches: e.payload.numberOfBatches, duration: e.payload.duration });
    });
    const got: Received[] = [];
    await consumeInto(c, 'pulls', got);

    await waitFor('an empty fetch to come back', () => fetches.length >= 1, 6000);
    expect(fetches[0]!.batches).toBe(0);
    expect(fetches[0]!.duration).toBeGreaterThanOrEqual(maxWait - 300); // held, not answered at once

    await waitFor(
      'the next fetch to be parked',
      () => fetchStartedAt > 0 && Date.now() - fetchStartedAt >= 200,
    );
    const p = await producer(k);
    const sentAt = Date.now();
    await p.send({ topic: 'pulls', messages: [{ value: 'wake up' }] });
    await waitFor('delivery', () => got.length >= 1, maxWait * 2);
    expect(Date.now() - sentAt).toBeLessThan(maxWait / 2); // woken by the data, not by the timeout
    expect(got[0]?.value).toBe('wake up');
  });
});

// The bytes other clients send, written out by hand (not with the broker's own encoder), so a shared
// mistake in protocol.ts cannot hide: librdkafka opens every connection with a flexible ApiVersions v3.
describe('Kafka test broker (test equipment) on the wire, as clients other than kafkajs speak to it', () => {
  /** Sends one request frame and resolves with the response frame after its size prefix. */
  async function roundTrip(port: number, request: Buffer): Promise<Buffer> {
    const socket: Socket = connect(port, '127.0.0.1');
    cleanups.push(async () => {
      socket.destroy();
    });
    return new Promise<Buffer>((resolve, reject) => {
      let got = Buffer.alloc(0);
      socket.on('error', reject);
      socket.on('data', (chunk: Buffer) => {
        got = Buffer.concat([got, chunk]);
        if (got.length >= 4 && got.length >= 4 + got.readInt32BE(0)) resolve(got.subarray(4));
      });
      const size = Buffer.alloc(4);
      size.writeInt32BE(request.length);
      socket.write(Buffer.concat([size, request]));
    });
  }

  it('answers ApiVersions v3 (flexible body, v0 header) with ranges that let librdkafka run consumer groups', async () => {
    const b = await broker();
    const request = Buffer.from([
      ...[0x00, 0x12, 0x00, 0x03, 0x00, 0x00, 0x00, 0x07], // ApiVersions v3, correlation id 7
      ...[0x00, 0x04, 0x6b, 0x63, 0x61, 0x74, 0x00], // client id "kcat" (classic string), no header tags
      ...[0x06, 0x6b, 0x63, 0x61, 0x74, 0x31, 0x02, 0x31, 0x00], // software "kcat1", version "1", no tags
    ]);
    const res = await roundTrip(b.port, request);
    expect(res.readInt32BE(0)).toBe(7);
    // No tagged-field byte after the correlation id: the error code follows at once.
    expect(res.readInt16BE(4)).toBe(0);
    const count = res.readUInt8(6) - 1; // compact array: length + 1 (below 128: one varint byte)
    const ranges = new Map<number, [number, number]>();
    for (let i = 0, at = 7; i < count; i++, at += 7) {
      ranges.set(res.readInt16BE(at), [res.readInt16BE(at + 2), res.readInt16BE(at + 4)]);
      expect(res.readUInt8(at + 6)).toBe(0); // each entry ends with an empty tagged-field section
    }
    const after = 7 + count * 7;
    expect(res.readInt32BE(after)).toBe(0); // throttle_time_ms
    expect(res.readUInt8(after + 4)).toBe(0); // the body's tagged-field section
    expect(res.length).toBe(after + 5);
    // librdkafka's feature checks (rdkafka_feature.c): the broker's range must contain these versions.
    const contains = (key: number, lo: number, hi = lo) => {
      const r = ranges.get(key);
      return r !== undefined && r[0] <= hi && lo <= r[1];
    };
    expect(contains(0, 3) && contains(1, 4)).toBe(true); // MsgVer2: Produce v3, Fetch v4
    for (const key of [10, 11, 12, 13, 14]) expect(contains(key, 0), `api ${key} v0`).toBe(true);
    expect(contains(8, 1, 2) && contains(9, 1)).toBe(true); // OffsetCommit 1-2, OffsetFetch v1
    expect(contains(2, 1)).toBe(true); // time-based offsets: ListOffsets v1
    expect(contains(22, 0)).toBe(true); // idempotent producer: InitProducerId v0
  });

  it('answers an ApiVersions version it does not know in v0 with UNSUPPORTED_VERSION, so the client retries lower', async () => {
    const b = await broker();
    const request = Buffer.from([
      ...[0x00, 0x12, 0x00, 0x63, 0x00, 0x00, 0x00, 0x09], // ApiVersions v99, correlation id 9
      ...[0x00, 0x01, 0x78, 0x00, 0x01, 0x78, 0x01, 0x78, 0x00],
    ]);
    const res = await roundTrip(b.port, request);
    expect(res.readInt32BE(0)).toBe(9);
    expect(res.readInt16BE(4)).toBe(35); // UNSUPPORTED_VERSION
    const count = res.readInt32BE(6); // classic array
    expect(res.length).toBe(10 + count * 6); // v0: no throttle time, no tags
    const apiVersions = Array.from({ length: count }, (_, i) => res.subarray(10 + i * 6)).find(
      (e) => e.readInt16BE(0) === 18,
    );
    expect(apiVersions && [apiVersions.readInt16BE(2), apiVersions.readInt16BE(4)]).toEqual([0, 3]);
  });
});
