// GET /metrics: the process's OpenTelemetry metrics in Prometheus text format, for operators'
// Prometheus (not the auditors' figures under /v1/metrics). Admin only: an admin key, or the
// METRICS_TOKEN Prometheus is configured with, which authenticates as the metrics scraper (admin
// role, on this route only). With METRICS_PORT set the metrics are served on that port instead
// (src/telemetry/metrics-server.ts) and this route answers 404.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { currentTelemetry } from '../../telemetry/registry.js';
import { authenticateKey } from '../api-key.js';
import { defineRoute } from '../define-route.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { HttpProblem } from '../problem.js';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const scraper = { id: 'metrics-scraper', role: 'admin', name: 'Prometheus' } as const;

export function metricsEndpoint(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  // /metrics is outside /v1, where keys are resolved: resolve the caller here, token first.
  app.use('/metrics', async (c, next) => {
    const token = currentTelemetry()?.access.token;
    await authenticateKey(c, deps.principals, {
      ownKey: (key) => (token !== undefined && sameSecret(key, token) ? scraper : undefined),
    });
    await next();
  });
  defineRoute(
    app,
    {
      method: 'get',
      path: '/metrics',
      summary: 'Operational metrics (Prometheus text format)',
      tags: ['Operations'],
      roles: ['admin'],
      responses: {
        200: {
          description:
            'OpenTelemetry metrics in Prometheus exposition format; send "Authorization: Bearer <METRICS_TOKEN>" or an admin key',
          content: { 'text/plain': { schema: z.string() } },
        },
        404: { description: 'Metrics are served on METRICS_PORT instead' },
        503: { description: 'Telemetry is not started in this process' },
      },
    },
    async (c) => {
      const telemetry = currentTelemetry();
      if (!telemetry)
        throw new HttpProblem(
          503,
          'metrics_unavailable',
          'Metrics unavailable',
          'Telemetry is not started in this process',
        );
      if (!telemetry.access.onApiPort)
        throw new HttpProblem(
          404,
          'route_not_found',
          'No such route',
          'Metrics are served on the metrics port (METRICS_PORT)',
        );
      return c.body(await telemetry.prometheusText(), 200, { 'content-type': PROMETHEUS_TEXT });
    },
  );
}
