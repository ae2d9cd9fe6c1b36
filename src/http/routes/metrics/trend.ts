// GET /v1/metrics/trend: the three rates and the composite month by month (one call for a chart),
// for the same scope and filters as /v1/metrics/figures; a scoped reader stays inside their scope.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Figures, Rates } from '../../../../contracts/metrics.js';
import { isPeriodId } from '../../../domain/metrics/period.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { MetricsQuery, scopedFilter } from './query.js';

export const Trend = z.object({
  config: Figures.shape.config,
  points: z
    .array(Rates.extend({ period: Figures.shape.period, received: z.number().int() }))
    .describe('Oldest first'),
});

const TrendQuery = MetricsQuery.omit({ period: true }).extend({
  to: z
    .string()
    .refine(isPeriodId, 'a period id like 2026-03')
    .optional()
    .describe('The last period of the trend; the current period when absent'),
  months: z.coerce.number().int().min(1).max(36).default(12),
});

export function metricsTrend(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/trend',
      summary: 'The three rates and the composite per period, for a trend chart',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: TrendQuery },
      responses: { 200: json(Trend, 'One point per period, oldest first') },
    },
    async (c) => {
      const q = query(c, TrendQuery);
      const periods = deps.metrics.periods(deps.clock.now().getTime(), q.months, q.to);
      const last = periods.at(-1)?.id ?? '';
      const { period: _last, ...filter } = scopedFilter(
        c.get('principal'),
        { ...q, period: last },
        deps,
      );
      const { config, points } = await deps.metrics.trend(
        periods.map((p) => p.id),
        filter,
      );
      return c.json(
        {
          config,
          points: points.map(({ period, ...rest }, i) => ({
            period: periods[i] ?? { id: period, from: '', to: '' },
            ...rest,
          })),
        },
        200,
      );
    },
  );
}
