// GET /v1/metrics/periods: the assessment periods a dashboard offers (calendar months, or the
// configured "19th to the 18th" month), newest last, with the one today falls in.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { AssessmentConfig, Figures } from '../../../../contracts/metrics.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';

export const Periods = z.object({
  kind: AssessmentConfig.shape.period,
  current: z.string().describe('The period today (Beijing time) falls in'),
  periods: z
    .array(Figures.shape.period)
    .describe('Oldest first; the last is `last` when asked for, else `current`'),
});

const PeriodsQuery = z.object({
  count: z.coerce.number().int().min(1).max(60).default(24),
  last: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/u, 'a period id, YYYY-MM')
    .optional()
    .describe('The newest period to list (any month: an older one to open); default the current'),
});

export function metricsPeriods(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/periods',
      summary: 'The assessment periods to choose from, up to the current one',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: PeriodsQuery },
      responses: { 200: json(Periods, 'The configured kind of period and the last `count`') },
    },
    async (c) => {
      const { count, last } = query(c, PeriodsQuery);
      const now = deps.clock.now().getTime();
      const current = deps.metrics.periods(now, 1).at(-1)?.id ?? '';
      const periods = deps.metrics.periods(now, count, last);
      return c.json({ kind: deps.metrics.config.period, current, periods }, 200);
    },
  );
}
