// Status webhooks out, as an operator sees them: each attempt is a client span (host only, never the
// path), and /metrics counts attempts by outcome and the lag to delivery. A real embedded gateway
// sends to a real receiver on loopback that fails the first attempt; the retry then succeeds.
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SubscriptionCreated } from '../../contracts/webhooks.js';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { startTelemetry } from '../../src/telemetry/otel-node.js';
import { parseTelemetryEnv } from '../../src/telemetry/telemetry-env.js';
import { exampleConfigDir, fixture, keys } from '../support/test-gateway.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { parseMetrics, total } from './metrics-text.js';

const exporter = new InMemorySpanExporter();
const dataDir = mkdtempSync(join(tmpdir(), 'hg-webhook-signals-'));
let gateway: RunningGateway;
let receiver: Receiver;
let base: string;

beforeAll(async () => {
  startTelemetry(parseTelemetryEnv({}), exporter);
  receiver = await startReceiver(() => Date.now() / 1000);
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    WEBHOOKS_ALLOW_PRIVATE: 'true',
  });
  base = `http://127.0.0.1:${gateway.port}`;
});
afterAll(async () => {
  await gateway?.close();
  await receiver?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('webhook signals', () => {
  it('traces each attempt and counts retry, delivery and lag', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${base}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    const sub = await post('/v1/subscriptions', {
      url: `${receiver.url}/hooks/secret-path?token=abc`,
      eventTypes: ['order.dispatched'],
    });
    expect(sub.status).toBe(201);
    await receiver.setSecret(SubscriptionCreated.parse(await sub.json()).secret);
    receiver.script.push({ status: 500 });
    expect((await post('/v1/orders', { ...fixture('01'), externalId: 'HOOK-1' })).status).toBe(202);

    // The first attempt fails; the retry comes about 5 s later (retry-schedule.ts).
    const deadline = Date.now() + 30_000;
    while (receiver.unique.length === 0 || receiver.requests.length < 2) {
      expect(Date.now(), 'the retry arrives').toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(receiver.requests.map((r) => r.answer)).toEqual(['500', '200']);

    let text = '';
    const metricsDeadline = Date.now() + 10_000;
    for (;;) {
      const res = await fetch(`${base}/metrics`, {
        headers: { authorization: `Bearer ${keys.admin}` },
      });
      text = await res.text();
      const s = parseMetrics(text);
      if (total(s, 'hotline_webhook_attempts_total', { outcome: 'delivered' }) === 1) break;
      expect(Date.now()).toBeLessThan(metricsDeadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    const s = parseMetrics(text);
    expect(total(s, 'hotline_webhook_attempts_total', { outcome: 'retry' })).toBe(1);
    expect(total(s, 'hotline_webhook_delivery_lag_seconds_count')).toBe(1);
    expect(total(s, 'hotline_webhook_delivery_lag_seconds_sum')).toBeGreaterThanOrEqual(4);
    expect(total(s, 'hotline_webhook_dead_letters_total')).toBe(0);

    const attempts = exporter
      .getFinishedSpans()
      .filter((sp) => sp.kind === SpanKind.CLIENT && sp.name === 'POST');
    expect(attempts.map((sp) => sp.attributes['http.response.status_code'])).toEqual([500, 200]);
    for (const sp of attempts) {
      expect(sp.attributes['server.address']).toBe('127.0.0.1');
      // The path and query may hold a platform's token: never on a span.
      expect(JSON.stringify(sp.attributes)).not.toContain('secret-path');
      expect(JSON.stringify(sp.attributes)).not.toContain('token=abc');
    }
  }, 60_000);
});
