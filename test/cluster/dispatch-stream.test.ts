// Cluster mode chosen by configuration alone, seen from outside: a gateway started with KAFKA_BROKERS
// and REDIS_URL takes an order over HTTP, and the station's own Kafka consumer receives the
// assignment on hotline.dispatch (key = station id), valid against the published contract and
// carrying the webhook's W3C trace context; the auditors' figures come from the Redis rollups.
// Half a cluster configuration refuses to start.
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchMessage } from '../../contracts/dispatch.js';
import { Figures } from '../../contracts/metrics.js';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { until } from '../support/until.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { exampleConfigDir, fixture, keys } from '../support/test-gateway.js';

let broker: KafkaTestBroker;
let redis: TestRedis;
let gateway: RunningGateway;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-dispatch-'));
const env = () => ({
  PORT: '0',
  GATEWAY_CONFIG_DIR: exampleConfigDir,
  GATEWAY_DATA_DIR: dataDir,
  LOG_LEVEL: 'silent',
  INTAKE_RATE_PER_MINUTE: '0',
  KAFKA_BROKERS: broker.brokers.join(','),
  REDIS_URL: redis.url,
  KAFKA_ORDER_EVENTS_PARTITIONS: '3',
});

beforeAll(async () => {
  [broker, redis] = await Promise.all([startKafkaTestBroker(), startTestRedis()]);
  gateway = await startGateway(env());
});
afterAll(async () => {
  await gateway.close();
  await broker.stop();
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('dispatch stream (cluster mode)', () => {
  it('delivers the assignment to the station over Kafka with the webhook\u2019s trace context', async () => {
    const traceId = '4bf92f3577b34da6a3ce929d0e0e4736';
    const res = await fetch(`http://127.0.0.1:${gateway.port}/v1/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${keys.source}`,
        'content-type': 'application/json',
        traceparent: `00-${traceId}-00f067aa0ba902b7-01`,
      },
      body: JSON.stringify({ ...fixture('01'), externalId: 'DISPATCH-1' }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const view = (await (
      await fetch(`http://127.0.0.1:${gateway.port}/v1/orders/${id}`, {
        headers: { authorization: `Bearer ${keys.source}` },
      })
    ).json()) as { station: { id: string } };

    // The station's own system: a plain kafkajs consumer of hotline.dispatch.
    const kafka = new Kafka({
      clientId: 'station-system',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: 'station-cuicheng' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'hotline.dispatch', fromBeginning: true });
    const received = await new Promise<{
      key: string;
      message: DispatchMessage;
      traceparent: string;
    }>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no dispatch message within 15 s')), 15_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          const m = DispatchMessage.parse(JSON.parse(message.value?.toString() ?? 'null'));
          if (m.orderId !== id) return;
          clearTimeout(timer);
          resolve({
            key: message.key?.toString() ?? '',
            message: m,
            traceparent: message.headers?.traceparent?.toString() ?? '',
          });
        },
      });
    });
    await consumer.disconnect();

    expect(received.key).toBe(view.station.id);
    expect(received.message).toMatchObject({
      kind: 'assigned',
      stationId: view.station.id,
      version: 2,
      messageId: `${id}:2`,
      order: { externalId: 'DISPATCH-1' },
    });
    expect(received.traceparent).toMatch(new RegExp(`^00-${traceId}-[0-9a-f]{16}-01$`));
  }, 30_000);

  it('keeps the auditors\u2019 rollups in Redis, and keeps status webhook deliveries there too', async () => {
    const base = `http://127.0.0.1:${gateway.port}`;
    // The order of the first test was received on 2025-07-27 (Beijing), in district 110105.
    const res = await fetch(`${base}/v1/metrics/figures?period=2025-07`, {
      headers: { authorization: `Bearer ${keys.auditor}` },
    });
    expect(res.status).toBe(200);
    expect(Figures.parse(await res.json()).volumes.received).toBe(1);
    const hooks = await fetch(`${base}/v1/deliveries`, {
      headers: { authorization: `Bearer ${keys.admin}` },
    });
    // No subscription, so no delivery; the log answers from Redis (test/cluster/webhooks-cluster.test.ts).
    expect(hooks.status).toBe(200);
    expect(await hooks.json()).toEqual({ items: [], nextCursor: null });
  });

  it('tells an assisting unit on its own key that its 协办 part is asked for, then that it was removed', async () => {
    const base = `http://127.0.0.1:${gateway.port}`;
    const liaison = 'bj-chaoyang-power-liaison';
    const res = await fetch(`${base}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        ...fixture('01'),
        externalId: 'DISPATCH-ASSIST',
        receivedAt: new Date().toISOString(),
      }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const dispatcher = async (path: string, body: object) => {
      const r = await fetch(`${base}/v1/orders/${id}/${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(r.status, await r.clone().text()).toBe(200);
    };
    await dispatcher('assists', { stationId: liaison, note: '请核查变压器' });
    await dispatcher('assists/remove', { stationId: liaison, note: '主办已查明原因' });

    // The liaison's own system reads the stream: both messages under its key, valid, in order.
    const kafka = new Kafka({
      clientId: 'liaison',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: 'station-power-liaison' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'hotline.dispatch', fromBeginning: true });
    const got: { key: string; message: DispatchMessage }[] = [];
    void consumer.run({
      eachMessage: async ({ message }) => {
        const m = DispatchMessage.parse(JSON.parse(message.value?.toString() ?? 'null'));
        if (m.orderId === id && m.stationId === liaison)
          got.push({ key: message.key?.toString() ?? '', message: m });
      },
    });
    try {
      await until(
        () => got.length >= 2,
        20_000,
        () => `two 协办 messages (got ${got.length})`,
      );
    } finally {
      await consumer.disconnect();
    }
    expect(got.map((g) => g.key)).toEqual([liaison, liaison]);
    expect(got[0]?.message).toMatchObject({
      kind: 'assisting',
      stationId: liaison,
      note: '请核查变压器',
      order: { externalId: 'DISPATCH-ASSIST' },
    });
    expect(got[1]?.message).toMatchObject({
      kind: 'assist_ended',
      stationId: liaison,
      how: 'removed',
      note: '主办已查明原因',
    });
    expect(got[1]?.message.version).toBeGreaterThan(got[0]?.message.version ?? Infinity);
  }, 40_000);

  it('refuses to start with only half of the cluster configuration, naming the variable', async () => {
    await expect(startGateway({ ...env(), REDIS_URL: undefined })).rejects.toThrow(/REDIS_URL/);
  });
});
