// A real Prometheus (Debian's package) on loopback scrapes a running gateway with the metrics
// token, and a PromQL query returns exactly the number of orders the test pushed. Every query of the
// Grafana dashboard runs on that Prometheus, and every metric the dashboard and the alert rules
// name is one the gateway defines.
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGateway, type RunningGateway } from '../../src/entry/start-gateway.js';
import { startPrometheus, type TestPrometheus } from '../support/prometheus.js';
import { exampleConfigDir, fixture, keys, root } from '../support/test-gateway.js';

const token = 'scrape-token-for-tests-0123456789';
const dataDir = mkdtempSync(join(tmpdir(), 'hg-scrape-'));
let gateway: RunningGateway;
let prometheus: TestPrometheus;

beforeAll(async () => {
  gateway = await startGateway({
    PORT: '0',
    GATEWAY_CONFIG_DIR: exampleConfigDir,
    GATEWAY_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    INTAKE_RATE_PER_MINUTE: '0',
    METRICS_TOKEN: token,
  });
  prometheus = await startPrometheus([
    { job: 'hotline-gateway', target: `127.0.0.1:${gateway.port}`, bearerToken: token },
  ]);
}, 120_000);
afterAll(async () => {
  await prometheus?.stop();
  await gateway?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Polls a query until its single value satisfies `ok`, under a generous deadline. */
async function until(promql: string, ok: (v: number) => boolean, timeoutMs = 40_000) {
  const deadline = Date.now() + timeoutMs;
  let last: number | undefined;
  for (;;) {
    const result = await prometheus.query(promql);
    last = result[0] ? Number(result[0].value[1]) : undefined;
    if (last !== undefined && ok(last)) return last;
    if (Date.now() > deadline) throw new Error(`${promql} stayed at ${String(last)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('Prometheus scraping the gateway', () => {
  it('counts the orders pushed, as PromQL sees them', async () => {
    expect(await until('up{job="hotline-gateway"}', (v) => v === 1)).toBe(1);
    const pushed = 7;
    for (let i = 0; i < pushed; i++) {
      const res = await fetch(`http://127.0.0.1:${gateway.port}/v1/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
        body: JSON.stringify({ ...fixture('01'), externalId: `SCRAPE-${i}` }),
      });
      expect(res.status).toBe(202);
    }
    const created =
      'sum(hotline_orders_received_total{job="hotline-gateway",source="bj-12345",outcome="created"})';
    expect(await until(created, (v) => v >= pushed)).toBe(pushed);
    // The route template, not the path, labels the request histogram.
    expect(
      await until(
        'sum(http_server_request_duration_seconds_count{job="hotline-gateway",http_route="/v1/orders"})',
        (v) => v >= pushed,
      ),
    ).toBe(pushed);
  });
});

interface Dashboard {
  panels: { title: string; targets?: { expr: string }[] }[];
}
const dashboard = JSON.parse(
  readFileSync(join(root, 'deploy/grafana/dashboard.json'), 'utf8'),
) as Dashboard;
const queries = dashboard.panels.flatMap((p) =>
  (p.targets ?? []).map((t) => ({ panel: p.title, expr: t.expr })),
);

describe('the Grafana dashboard and the alert rules', () => {
  it('runs every dashboard query on the real Prometheus; the main panels show data', async () => {
    expect(queries.length).toBeGreaterThan(20);
    const run = (expr: string) =>
      prometheus.query(expr.replaceAll('$job', '.+').replaceAll('$__rate_interval', '1m'));
    // query() throws on a PromQL error, naming the query.
    for (const q of queries) await run(q.expr);
    // A rate needs two scrapes of the series: poll the main panels under a generous deadline.
    const main = ['Orders received by outcome', 'Station inboxes (top 10)', 'Resident memory'];
    for (const panel of main) {
      const expr = queries.find((q) => q.panel === panel)?.expr ?? '';
      const deadline = Date.now() + 30_000;
      while ((await run(expr)).length === 0) {
        expect(Date.now(), `${panel} shows no data`).toBeLessThan(deadline);
        await new Promise((r) => setTimeout(r, 250));
      }
    }
  });

  it('names only metrics the gateway defines', () => {
    const sources = readdirSync(join(root, 'src/telemetry'))
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(root, 'src/telemetry', f), 'utf8'))
      .join('\n');
    const texts = [
      JSON.stringify(dashboard),
      readFileSync(join(root, 'deploy/prometheus/alerts.yml'), 'utf8'),
    ];
    const names = new Set(
      texts.flatMap((t) =>
        [...t.matchAll(/\b((?:hotline|http_server|process|nodejs)_[a-z0-9_]+)\b/g)].map(
          (m) => m[1] ?? '',
        ),
      ),
    );
    expect(names.size).toBeGreaterThan(15);
    for (const name of names) {
      const base = name.replace(/_(bucket|count|sum)$/, '').replace(/_total$/, '');
      expect(sources, `${name} is defined in src/telemetry`).toContain(`'${base}'`);
    }
  });
});
