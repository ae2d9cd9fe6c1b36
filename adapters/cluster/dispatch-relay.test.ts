// The dispatch relay against the Kafka test broker and a real redis-server: a record it cannot read
// goes to the dead-letter topic with the error after its retries, the partition keeps flowing, and a
// duplicate of a write record (as a reconciled write leaves) makes no second station message.
import { Redis } from 'ioredis';
import { Kafka, logLevel, type KafkaMessage } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchMessage } from '../../contracts/dispatch.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../../test/support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import { DispatchRelay } from './dispatch-relay.js';
import { toMessage, type WriteRecord } from './order-record.js';

let broker: KafkaTestBroker;
let redisServer: TestRedis;
beforeAll(async () => {
  [broker, redisServer] = await Promise.all([startKafkaTestBroker(), startTestRedis()]);
});
afterAll(async () => {
  await broker.stop();
  await redisServer.stop();
});

const at = '2026-03-02T01:00:00.000Z';
const record = (orderId: string): WriteRecord => ({
  v: 1,
  orderId,
  fromSeq: 1,
  events: [
    {
      orderId,
      seq: 1,
      at,
      actor: { role: 'source', id: 'bj-12345' },
      data: {
        type: 'order.received',
        order: {
          id: orderId,
          source: 'bj-12345',
          externalId: orderId,
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
      orderId,
      seq: 2,
      at,
      actor: { role: 'system', id: 'router' },
      data: {
        type: 'order.dispatched',
        stationId: 'st-a',
        stationName: 'A',
        decision: {
          outcome: 'routed',
          rule: 'division_code',
          stationId: 'st-a',
          candidates: [],
          reason: 'test',
        },
      },
    },
  ],
});

async function collect(
  kafka: Kafka,
  topic: string,
  count: number,
  ms = 15_000,
): Promise<KafkaMessage[]> {
  const consumer = kafka.consumer({ groupId: `reader-${topic}` });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  const got: KafkaMessage[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`only ${got.length} of ${count} messages on ${topic}`)),
      ms,
    );
    void consumer.run({
      eachMessage: async ({ message }) => {
        got.push(message);
        if (got.length >= count) {
          clearTimeout(timer);
          resolve();
        }
      },
    });
  });
  await consumer.disconnect();
  return got;
}

describe('dispatch relay', () => {
  it('dead-letters an unreadable record with its error, relays the rest once each', async () => {
    const kafka = new Kafka({
      clientId: 'relay-test',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const redis = new Redis(redisServer.url);
    const topics = {
      sourceTopic: 'relay-test.events',
      dispatchTopic: 'relay-test.dispatch',
      deadLetterTopic: 'relay-test.dlq',
    };
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      waitForLeaders: true,
      topics: Object.values(topics).map((topic) => ({ topic, numPartitions: 1 })),
    });
    await admin.disconnect();
    const producer = kafka.producer();
    await producer.connect();
    const good = toMessage(record('o1'));
    await producer.send({
      topic: topics.sourceTopic,
      messages: [{ key: 'bad', value: 'not json' }, good, good, toMessage(record('o2'))],
    });
    const errors: unknown[] = [];
    const relay = new DispatchRelay({
      kafka,
      redis,
      prefix: 'relay-test:',
      groupId: 'relay-test',
      ...topics,
      getView: () => Promise.resolve(null),
      attempts: 2,
      onError: (e) => errors.push(e),
    });
    await relay.start();
    try {
      const dispatched = await collect(kafka, topics.dispatchTopic, 2);
      const messages = dispatched.map((m) =>
        DispatchMessage.parse(JSON.parse(m.value?.toString() ?? 'null')),
      );
      expect(messages.map((m) => `${m.kind}:${m.orderId}:${m.stationId}`).sort()).toEqual([
        'assigned:o1:st-a',
        'assigned:o2:st-a',
      ]);
      expect(dispatched.map((m) => m.key?.toString())).toEqual(['st-a', 'st-a']);
      const [dead] = await collect(kafka, topics.deadLetterTopic, 1);
      expect(dead?.value?.toString()).toBe('not json');
      expect(dead?.headers?.['hotline-error']?.toString()).toMatch(/JSON/);
      expect(errors).toHaveLength(1);
      // Nothing extra (a duplicate) can still come: once the relay has committed past all four
      // source records, the topics hold exactly what was read above.
      const admin = kafka.admin();
      await admin.connect();
      try {
        const deadline = Date.now() + 30_000;
        const committed = async () =>
          (await admin.fetchOffsets({ groupId: 'relay-test', topics: [topics.sourceTopic] }))[0]
            ?.partitions[0]?.offset;
        while ((await committed()) !== '4') {
          if (Date.now() > deadline) throw new Error('the relay did not commit past the records');
          await new Promise((r) => setTimeout(r, 50));
        }
        expect((await admin.fetchTopicOffsets(topics.dispatchTopic))[0]?.high).toBe('2');
        expect((await admin.fetchTopicOffsets(topics.deadLetterTopic))[0]?.high).toBe('1');
      } finally {
        await admin.disconnect();
      }
    } finally {
      await relay.stop();
      await producer.disconnect();
      redis.disconnect();
    }
  }, 90_000);
});
