// GET /v1/metrics/figures and GET /v1/metrics/rankings: the three rates and the rest for a period and
// scope; units ranked by the composite.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Figures, Ranking } from '../../../../contracts/metrics.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { MetricsQuery, scopedFilter } from './query.js';

const RankingQuery = MetricsQuery.extend({
  by: z.enum(['district', 'street', 'station']).default('street'),
});

export function metricsFigures(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/figures',
      summary: '三率 and on-time figures for a period and scope',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: MetricsQuery },
      responses: { 200: json(Figures, 'The figures, with the configuration that produced them') },
    },
    async (c) => {
      const filter = scopedFilter(c.get('principal'), query(c, MetricsQuery), deps);
      return c.json(await deps.metrics.figures(filter), 200);
    },
  );
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/rankings',
      summary: 'Districts, streets or stations ranked by the composite score',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: RankingQuery },
      responses: { 200: json(Ranking, 'Best first; units without valid callbacks last') },
    },
    async (c) => {
      const q = query(c, RankingQuery);
      const { period, ...filter } = scopedFilter(c.get('principal'), q, deps);
      return c.json(await deps.metrics.ranking(period, q.by, filter), 200);
    },
  );
}
