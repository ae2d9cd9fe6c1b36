// GET /metrics: the process's OpenTelemetry metrics in Prometheus text format, for operators'
// Prometheus (not the auditors' figures under /v1/metrics). Protected: a Bearer METRICS_TOKEN or an
// admin key; with METRICS_PORT set it is served on that port instead (src/telemetry/metrics-server.ts)
// and this route answers 404 on the API port.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { currentTelemetry } from '../../telemetry/registry.js';
import { apiKeyFrom } from '../auth.js';
import { defineRoute } from '../define-route.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { HttpProblem } from '../problem.js';

const PROMETHEUS_TEXT = 'text/plain; version=0.0.4; charset=utf-8';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function metricsEndpoint(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/metrics',
      summary: 'Operational metrics (Prometheus text format)',
      tags: ['Operations'],
      // Checked here: a metrics token is not an API key of any role.
      roles: [],
      responses: {
        200: {
          description:
            'OpenTelemetry metrics in Prometheus exposition format; send "Authorization: Bearer <METRICS_TOKEN>" or an admin key',
          content: { 'text/plain': { schema: z.string() } },
        },
        401: { description: 'No metrics token or admin key' },
        404: { description: 'Metrics are served on METRICS_PORT instead' },
        503: { description: 'Telemetry is not started in this process' },
      },
    },
    async (c) => {
      const telemetry = currentTelemetry();
      if (telemetry && !telemetry.access.onApiPort)
        throw new HttpProblem(
          404,
          'route_not_found',
          'No such route',
          'Metrics are served on the metrics port (METRICS_PORT)',
        );
      const key = apiKeyFrom((n) => c.req.header(n));
      const token = telemetry?.access.token;
      const allowed =
        key !== undefined &&
        ((token !== undefined && sameSecret(key, token)) ||
          (await deps.principals.authenticate(key))?.role === 'admin');
      if (!allowed)
        throw new HttpProblem(
          401,
          'unauthenticated',
          'Missing or unknown metrics token',
          'Send "Authorization: Bearer <METRICS_TOKEN>" or an admin key',
          undefined,
          { 'www-authenticate': 'Bearer realm="hotline-gateway-metrics"' },
        );
      if (!telemetry)
        throw new HttpProblem(
          503,
          'metrics_unavailable',
          'Metrics unavailable',
          'Telemetry is not started in this process',
        );
      return c.body(await telemetry.prometheusText(), 200, { 'content-type': PROMETHEUS_TEXT });
    },
  );
}
