// The trace crosses processes through Kafka: a gateway child process takes the order and exports
// its spans over OTLP/HTTP (to a collector stand-in in this test), and a dispatch relay in this
// process (its own consumer group, SDK with the in-memory exporter) consumes the record. The
// consume span belongs to the child's trace, as the child of the child's producer span.
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DispatchRelay } from '../../adapters/cluster/dispatch-relay.js';
import { startTelemetry } from '../../src/telemetry/otel-node.js';
import { parseTelemetryEnv } from '../../src/telemetry/telemetry-env.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startKafkaTestBroker, type KafkaTestBroker } from '../support/kafka/broker.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { exampleConfigDir, fixture, keys } from '../support/test-gateway.js';

interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
}
interface OtlpExport {
  resourceSpans?: { scopeSpans?: { spans?: OtlpSpan[] }[] }[];
}

const exporter = new InMemorySpanExporter();
const collected: OtlpSpan[] = [];
let collector: Server;
let broker: KafkaTestBroker;
let redis: TestRedis;
let relayRedis: Redis;
let relay: DispatchRelay;
let child: GatewayProcess;
const dataDir = mkdtempSync(join(tmpdir(), 'hg-xtrace-'));

beforeAll(async () => {
  startTelemetry(parseTelemetryEnv({}), exporter);
  // An OTLP/HTTP (JSON) collector stand-in.
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (d: Buffer) => (body += d.toString()));
    req.on('end', () => {
      if (req.url === '/v1/traces') {
        const data = JSON.parse(body) as OtlpExport;
        for (const r of data.resourceSpans ?? [])
          for (const s of r.scopeSpans ?? []) collected.push(...(s.spans ?? []));
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
  [broker, redis] = await Promise.all([startKafkaTestBroker(), startTestRedis()]);
  child = await startGatewayProcess(
    {
      GATEWAY_CONFIG_DIR: exampleConfigDir,
      GATEWAY_DATA_DIR: dataDir,
      INTAKE_RATE_PER_MINUTE: '0',
      KAFKA_BROKERS: broker.brokers.join(','),
      REDIS_URL: redis.url,
      KAFKA_ORDER_EVENTS_PARTITIONS: '2',
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${(collector.address() as AddressInfo).port}`,
    },
    60_000,
  );
  relayRedis = new Redis(redis.url);
  relay = new DispatchRelay({
    kafka: new Kafka({
      clientId: 'other-process',
      brokers: broker.brokers,
      logLevel: logLevel.NOTHING,
    }),
    redis: relayRedis,
    // Its own progress keys and group: it relays the same records the child's relay does.
    prefix: 'other-process:',
    groupId: 'other-process-relay',
    getView: () => Promise.resolve(null),
  });
  await relay.start();
}, 120_000);
afterAll(async () => {
  await relay?.stop();
  relayRedis?.disconnect();
  await child?.kill();
  await broker?.stop();
  await redis?.stop();
  await new Promise<void>((resolve) => collector.close(() => resolve()));
  rmSync(dataDir, { recursive: true, force: true });
});

describe('a trace across processes', () => {
  it('links the consume span in this process to the producer span of the gateway process', async () => {
    const res = await fetch(`${child.url}/v1/orders`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...fixture('01'), externalId: 'XTRACE-1' }),
    });
    expect(res.status).toBe(202);
    const traceId = res.headers.get('x-request-id') ?? '';
    expect(traceId).toMatch(/^[0-9a-f]{32}$/);

    // The child exports in batches (about every 5 s): poll both sides under a generous deadline.
    const deadline = Date.now() + 40_000;
    let producer: OtlpSpan | undefined;
    let consume: ReadableSpan | undefined;
    while (!producer || !consume) {
      expect(Date.now(), 'spans from both processes').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 250));
      producer = collected.find((s) => s.traceId === traceId && s.kind === 4);
      consume = exporter
        .getFinishedSpans()
        .find((s) => s.spanContext().traceId === traceId && s.kind === SpanKind.CONSUMER);
    }
    const server = collected.find((s) => s.traceId === traceId && s.kind === 2);
    expect(server?.name).toBe('POST /v1/orders');
    expect(producer.name).toBe('send hotline.order-events');
    expect(consume.name).toBe('process hotline.order-events');
    expect(consume.attributes['messaging.consumer.group.name']).toBe('other-process-relay');
    expect(consume.parentSpanContext?.isRemote).toBe(true);
    expect(consume.parentSpanContext?.spanId).toBe(producer.spanId);
  }, 60_000);
});
