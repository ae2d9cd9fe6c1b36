// /metrics on a real embedded gateway after a real flow: pushes (created, duplicate, rejected,
// rate-limited), a station pulling its inbox and accepting. What Prometheus would read passes
// `promtool check metrics` and counts exactly what happened; no label carries an order id; the
// endpoint wants the metrics token or an admin key, or moves to METRICS_PORT.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { promtool } from '../support/prometheus.js';
import { exampleConfigDir, fixture, keys } from '../support/test-gateway.js';
import { parseMetrics, total } from './metrics-text.js';

const token = 'metrics-token-for-tests-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'hg-metrics-'));
let gateway: RunningGateway;
let base: string;

const push = (body: unknown, key = keys.source) =>
  fetch(`${base}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const scrape = async (auth = `Bearer ${token}`) => {
  const res = await fetch(`${base}/metrics`, { headers: { authorization: auth } });
  return { res, text: await res.text() };
};

beforeAll(async () => {
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    // Three pushes at once, then the bucket is empty for a minute: the fourth is refused.
    INTAKE_RATE_PER_MINUTE: '1',
    INTAKE_RATE_BURST: '3',
    METRICS_TOKEN: token,
  });
  base = `http://127.0.0.1:${gateway.port}`;
});
afterAll(async () => {
  await gateway.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('/metrics after a real flow', () => {
  let orderId = '';

  it('counts pushes by outcome, routing, rate-limit refusals; the exposition passes promtool', async () => {
    const order = { ...fixture('01'), externalId: 'METRICS-1' };
    const created = await push(order);
    expect(created.status).toBe(202);
    orderId = ((await created.json()) as { id: string }).id;
    const again = await push(order); // the same order again: a duplicate
    expect(((await again.json()) as { status: string }).status).toBe('existing');
    expect((await push('{"externalId": 1}')).status).toBe(400);
    expect((await push(order)).status).toBe(429);

    const { res, text } = await scrape();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const check = promtool(['check', 'metrics'], text);
    expect(check.output).toBe('');
    expect(check.code).toBe(0);

    const s = parseMetrics(text);
    const received = { source: 'bj-12345', channel: 'phone', type: 'help' };
    expect(total(s, 'hotline_orders_received_total', { ...received, outcome: 'created' })).toBe(1);
    expect(total(s, 'hotline_orders_received_total', { ...received, outcome: 'duplicate' })).toBe(
      1,
    );
    expect(
      total(s, 'hotline_orders_received_total', { source: 'bj-12345', outcome: 'rejected' }),
    ).toBe(1);
    expect(total(s, 'hotline_rate_limit_refusals_total', { source: 'bj-12345' })).toBe(1);
    expect(total(s, 'hotline_routing_decisions_total', { decision: 'auto' })).toBe(1);
    expect(total(s, 'hotline_dispatch_duration_seconds_count', { decision: 'auto' })).toBe(1);
    expect(total(s, 'hotline_store_commit_batch_size_count')).toBeGreaterThanOrEqual(1);
    expect(total(s, 'hotline_store_commit_duration_seconds_count')).toBeGreaterThanOrEqual(1);
    expect(
      total(s, 'http_server_request_duration_seconds_count', {
        http_request_method: 'POST',
        http_route: '/v1/orders',
        http_response_status_code: '202',
      }),
    ).toBe(2);
    expect(total(s, 'hotline_calendar_last_year')).toBeGreaterThanOrEqual(2026);
    expect(total(s, 'process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(total(s, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    // Bounded labels: no order id anywhere.
    expect(text).not.toContain(orderId);
  });

  it('shows the station inbox, the station pulling it, and the inbox emptying on accept', async () => {
    const station = 'cuicheng-yiyuan-grid';
    const depth = async () =>
      total(parseMetrics((await scrape()).text), 'hotline_station_inbox_depth', { station });
    expect(await depth()).toBe(1);
    const before = Date.now() / 1000;
    const pulled = await fetch(`${base}/v1/stations/${station}/orders`, {
      headers: { authorization: `Bearer ${keys.station(station)}` },
    });
    expect(pulled.status).toBe(200);
    // The SLA sweeper may append the order's overdue warnings meanwhile (its fixture time is in the
    // past): a 409 version conflict is retried, as a station's system would.
    let accepted: Response | undefined;
    for (let i = 0; i < 5 && accepted?.status !== 200; i++)
      accepted = await fetch(`${base}/v1/orders/${orderId}/accept`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${keys.station(station)}`,
          'content-type': 'application/json',
        },
        body: '{}',
      });
    expect(accepted?.status).toBe(200);
    // The depth is counted from the store at most once a second: poll until it catches up.
    const deadline = Date.now() + 15_000;
    while ((await depth()) !== 0) {
      expect(Date.now()).toBeLessThan(deadline);
      await new Promise((r) => setTimeout(r, 200));
    }
    const s = parseMetrics((await scrape()).text);
    const lastPull = total(s, 'hotline_station_last_pull_timestamp_seconds', { station });
    expect(lastPull).toBeGreaterThanOrEqual(Math.floor(before));
    expect(lastPull).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    expect(total(s, 'hotline_triage_queue_depth')).toBe(0);
  });

  it('refuses a scrape without the token or an admin key, with a problem', async () => {
    for (const auth of ['', 'Bearer wrong-token-wrong-token']) {
      const { res, text } = await scrape(auth);
      expect(res.status).toBe(401);
      expect(Problem.parse(JSON.parse(text)).code).toBe('unauthenticated');
    }
    // A valid key of another role is known but not allowed.
    const { res, text } = await scrape(`Bearer ${keys.station('fatou-street')}`);
    expect(res.status).toBe(403);
    expect(Problem.parse(JSON.parse(text)).code).toBe('forbidden');
    expect((await scrape(`Bearer ${keys.admin}`)).res.status).toBe(200);
  });
});

describe('METRICS_PORT', () => {
  it('serves /metrics on its own port without a key, and not on the API port', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hg-metrics-port-'));
    const gw = await startGateway({
      PORT: '0',
      METRICS_PORT: '0',
      GATEWAY_CONFIG_DIR: exampleConfigDir,
      GATEWAY_DATA_DIR: dir,
      LOG_LEVEL: 'silent',
    });
    try {
      expect(gw.metricsPort).toBeGreaterThan(0);
      const res = await fetch(`http://127.0.0.1:${gw.metricsPort}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('hotline_calendar_last_year');
      const api = await fetch(`http://127.0.0.1:${gw.port}/metrics`, {
        headers: { authorization: `Bearer ${keys.admin}` },
      });
      expect(api.status).toBe(404);
    } finally {
      await gw.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
