// GET /v1/metrics/orders: the orders behind a figure — received in a period, under a district, street
// or station — so an auditor can drill from a ranking down to single orders and their timelines.
// Held inside the caller's scope; names and phones masked as for every auditor read.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderPage } from '../../../../contracts/views.js';
import { presentView, visibleQuery } from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { MetricsQuery, scopedFilter } from './query.js';

const DrillQuery = MetricsQuery.pick({
  period: true,
  district: true,
  street: true,
  station: true,
}).extend({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function metricsOrders(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/metrics/orders',
      summary: 'Orders received in a period under a district, street or station (drill-down)',
      tags: ['Metrics'],
      roles: ['auditor', 'supervisor', 'admin'],
      request: { query: DrillQuery },
      responses: { 200: json(OrderPage, 'Oldest first, with SLA figures; callers masked') },
    },
    async (c) => {
      const p = c.get('principal');
      const q = query(c, DrillQuery);
      const filter = scopedFilter(p, { ...q, type: undefined }, deps);
      const { fromMs, toMs } = deps.metrics.periodBounds(filter.period);
      const list = visibleQuery(p, {
        placePrefix: filter.street ?? filter.district,
        stationId: filter.station,
        receivedFrom: fromMs,
        receivedTo: toMs,
        cursor: q.cursor,
      });
      if (!list) return c.json({ items: [], nextCursor: null }, 200);
      const page = await deps.store.list({ ...list, limit: q.limit });
      return c.json({ ...page, items: page.items.map((v) => presentView(p, v, deps.sla)) }, 200);
    },
  );
}
