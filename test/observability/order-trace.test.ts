// One order's life is one trace: the intake request's server span, routing, the store write, the
// Kafka produce, and the dispatch relay's consume on the other side of the broker (its context
// reaches it only through the record's headers), down to the station's own Kafka message. Checked
// with the SDK's in-memory exporter on a cluster-mode gateway (test Kafka broker + real Redis).
// The request id in the logs is the trace id, unless the caller sent its own.
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { Kafka, logLevel } from 'kafkajs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { startTelemetry } from '../../src/telemetry/otel-node.js';
import { parseTelemetryEnv } from '../../src/telemetry/telemetry-env.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { createTestGateway, exampleConfigDir, fixture, keys } from '../support/test-gateway.js';

const exporter = new InMemorySpanExporter();
let broker: KafkaTestBroker;
let redis: TestRedis;
let gateway: RunningGateway;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-trace-'));

beforeAll(async () => {
  // Installed first, so the gateway started below shares this SDK (one per process).
  startTelemetry(parseTelemetryEnv({}), exporter);
  [broker, redis] = await Promise.all([startKafkaTestBroker(), startTestRedis()]);
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    INTAKE_RATE_PER_MINUTE: '0',
    KAFKA_BROKERS: broker.brokers.join(','),
    REDIS_URL: redis.url,
    KAFKA_ORDER_EVENTS_PARTITIONS: '2',
  });
}, 60_000);
afterAll(async () => {
  await gateway?.close();
  await broker?.stop();
  await redis?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const parentId = (s: ReadableSpan) => s.parentSpanContext?.spanId;
const one = (spans: ReadableSpan[], name: string, kind: SpanKind) => {
  const found = spans.filter((s) => s.name === name && s.kind === kind);
  expect(
    found.map((s) => s.name),
    `exactly one ${name}`,
  ).toEqual([name]);
  return found[0] as ReadableSpan;
};

describe('an order’s trace', () => {
  it('runs from the intake request through Kafka to the station’s message', async () => {
    const res = await fetch(`http://127.0.0.1:${gateway.port}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...fixture('01'), externalId: 'TRACE-1' }),
    });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    // No x-request-id was sent: the request id is the new trace's id.
    const traceId = res.headers.get('x-request-id') ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // The station's own system reads hotline.dispatch with a plain kafkajs consumer.
    const kafka = new Kafka({
      clientId: 'station',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    });
    const consumer = kafka.consumer({ groupId: 'station-trace-test' });
    await consumer.connect();
    await consumer.subscribe({ topic: 'hotline.dispatch', fromBeginning: true });
    const traceparent = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no dispatch message within 20 s')), 20_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          if (message.headers?.['hotline-order-id']?.toString() !== id) return;
          clearTimeout(timer);
          resolve(message.headers.traceparent?.toString() ?? '');
        },
      });
    });
    await consumer.disconnect();
    const [, messageTrace, messageParent] = traceparent.split('-');
    expect(messageTrace).toBe(traceId);

    // Spans end before the relay produces; poll the exporter under a generous deadline anyway.
    const deadline = Date.now() + 15_000;
    let spans: ReadableSpan[] = [];
    for (;;) {
      spans = exporter.getFinishedSpans().filter((s) => s.spanContext().traceId === traceId);
      if (spans.some((s) => s.kind === SpanKind.CONSUMER) || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 100));
    }

    const server = one(spans, 'POST /v1/orders', SpanKind.SERVER);
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.attributes).toMatchObject({
      'http.request.method': 'POST',
      'http.route': '/v1/orders',
      'http.response.status_code': 202,
    });
    const route = one(spans, 'route order', SpanKind.INTERNAL);
    expect(parentId(route)).toBe(server.spanContext().spanId);
    expect(route.attributes).toMatchObject({
      'hotline.route.outcome': 'routed',
      'hotline.route.rule': 'division_code',
    });
    const store = one(spans, 'order-store submit', SpanKind.INTERNAL);
    expect(parentId(store)).toBe(server.spanContext().spanId);
    expect(store.attributes).toMatchObject({
      'db.system.name': 'kafka',
      'hotline.submit.outcome': 'created',
    });
    const produce = one(spans, 'send hotline.order-events', SpanKind.PRODUCER);
    expect(parentId(produce)).toBe(store.spanContext().spanId);
    expect(produce.attributes).toMatchObject({
      'messaging.system': 'kafka',
      'messaging.destination.name': 'hotline.order-events',
      'messaging.kafka.message.key': id,
    });
    const consume = one(spans, 'process hotline.order-events', SpanKind.CONSUMER);
    // The consumer's parent is the producer span, known to it only from the record's headers.
    expect(consume.parentSpanContext?.isRemote).toBe(true);
    expect(parentId(consume)).toBe(produce.spanContext().spanId);
    expect(consume.attributes).toMatchObject({
      'messaging.operation.type': 'process',
      'messaging.consumer.group.name': 'hotline-dispatch-relay',
    });
    // And the station's message continues from the consume span.
    expect(messageParent).toBe(consume.spanContext().spanId);
  }, 60_000);

  it('has the SLA sweeper’s ticks as spans of their own', async () => {
    const deadline = Date.now() + 10_000;
    while (!exporter.getFinishedSpans().some((s) => s.name === 'sla sweep')) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 100));
    }
    const sweep = exporter.getFinishedSpans().find((s) => s.name === 'sla sweep');
    expect(sweep?.parentSpanContext).toBeUndefined();
    expect(sweep?.attributes['hotline.sla.orders']).toBeTypeOf('number');
  });
});

describe('request ids and trace ids in the logs', () => {
  it('logs the trace id as the request id, or both when the caller sent an x-request-id', async () => {
    const gw = createTestGateway();
    const plain = await gw.call('GET', '/v1/stations', keys.source);
    const given = await gw.call('GET', '/v1/stations', keys.source, undefined, {
      'x-request-id': 'platform-req-42',
      traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01',
    });
    const lines = gw.logLines.map(
      (l) => JSON.parse(l) as { msg: string; requestId: string; traceId?: string },
    );
    const requests = lines.filter((l) => l.msg === 'request');
    const plainId = plain.headers.get('x-request-id') ?? '';
    expect(plainId).toMatch(/^[0-9a-f]{32}$/);
    expect(requests).toContainEqual(
      expect.objectContaining({ requestId: plainId, traceId: plainId }),
    );
    expect(given.headers.get('x-request-id')).toBe('platform-req-42');
    expect(requests).toContainEqual(
      expect.objectContaining({
        requestId: 'platform-req-42',
        traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
      }),
    );
  });
});
