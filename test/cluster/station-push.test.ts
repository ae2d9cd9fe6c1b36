// Push to stations on the dispatch stream (cluster mode): when a dispatcher re-dispatches an order
// (改派), the station that loses it reads a `removed` message under its own key before the new station
// reads its `assigned`; a 重办 reaches the station as `reopened` and a 催办 as `urged`. Every message is
// valid against the published contract. A real gateway process on the Kafka test broker and redis.
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchMessage } from '../../contracts/dispatch.js';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { exampleConfigDir, fixture, keys } from '../support/test-gateway.js';

let broker: KafkaTestBroker;
let redis: TestRedis;
let gateway: RunningGateway;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-station-push-'));

beforeAll(async () => {
  [broker, redis] = await Promise.all([startKafkaTestBroker(), startTestRedis()]);
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    INTAKE_RATE_PER_MINUTE: '0',
    KAFKA_BROKERS: broker.brokers.join(','),
    REDIS_URL: redis.url,
    KAFKA_ORDER_EVENTS_PARTITIONS: '3',
  });
}, 60_000);
afterAll(async () => {
  await gateway.close();
  await broker.stop();
  await redis.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const A = 'zhonglouwan-grid';
const B = 'andingmen-street';

async function call(method: string, path: string, key: string, body?: unknown) {
  const res = await fetch(`http://127.0.0.1:${gateway.port}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  expect(res.status, `${method} ${path}: ${await res.clone().text()}`).toBeLessThan(300);
  return (await res.json()) as { id: string };
}

describe('push to stations on the dispatch stream', () => {
  it('tells the old station its order was re-dispatched away, and the holder of 重办 and 催办', async () => {
    const { id } = await call('POST', '/v1/orders', keys.source, {
      ...fixture('03'),
      externalId: 'PUSH-CLUSTER-1',
    });
    await call('POST', `/v1/orders/${id}/dispatch`, keys.admin, { stationId: B }); // seq 3
    await call('POST', `/v1/orders/${id}/accept`, keys.station(B), {});
    await call('POST', `/v1/orders/${id}/resolve`, keys.station(B), { result: '已协调' }); // 5
    await call('POST', `/v1/orders/${id}/reopen`, keys.source, { reason: '未解决' }); // 6
    await call('POST', `/v1/orders/${id}/urge`, keys.admin, { note: '请尽快联系' }); // 7

    const kafka = new Kafka({
      clientId: 'station-systems',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: 'station-push-reader' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'hotline.dispatch', fromBeginning: true });
    const got: { key: string; m: DispatchMessage }[] = [];
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`only ${got.length} dispatch messages within 20 s`)),
        20_000,
      );
      void consumer.run({
        eachMessage: async ({ message }) => {
          const m = DispatchMessage.parse(JSON.parse(message.value?.toString() ?? 'null'));
          if (m.orderId !== id) return;
          got.push({ key: message.key?.toString() ?? '', m });
          if (got.length >= 5) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await consumer.disconnect();

    // Per station (Kafka key) in order; every message keyed by the station it is for.
    const of = (station: string) =>
      got
        .filter((g) => g.key === station)
        .map((g) => {
          expect(g.m.stationId).toBe(station);
          return `${g.m.kind}#${g.m.messageId.split(':')[1] ?? ''}`;
        });
    expect(of(A)).toEqual(['assigned#2', 'removed#3']);
    expect(of(B)).toEqual(['assigned#3', 'reopened#6', 'urged#7']);
    expect(got.find((g) => g.m.kind === 'removed')?.m).toMatchObject({ toStationId: B });
    expect(got.find((g) => g.m.kind === 'urged')?.m).toMatchObject({ note: '请尽快联系' });
  }, 60_000);
});
