// GET /v1/orders: the dispatcher's and auditor's list (the triage queue is ?state=triage);
// a hotline platform sees only its own orders.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderPage, OrderState } from '../../../../contracts/views.js';
import { presentView, scopeOf } from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { StationIdParam } from '../stations/station-id-param.js';

/** `state` takes one state or a comma-separated list. */
export const PageQuery = z.object({
  state: z
    .string()
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === '') return undefined;
      const parts = s.split(',').map((x) => x.trim());
      const bad = parts.filter((x) => !OrderState.safeParse(x).success);
      if (bad.length > 0)
        ctx.addIssue({
          code: 'custom',
          message: `unknown state ${bad.join(', ')}; one of ${OrderState.options.join(', ')}`,
        });
      return parts as OrderState[];
    }),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

/** GET /v1/orders also filters by station: a station id as the directory allows it. */
const ListQuery = PageQuery.extend({ station: StationIdParam.shape.stationId.optional() });

export function listOrders(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/orders',
      summary: 'List orders (triage queue: ?state=triage)',
      tags: ['Orders'],
      roles: ['source', 'dispatcher', 'auditor', 'supervisor', 'admin'],
      request: { query: ListQuery },
      responses: { 200: json(OrderPage, 'A page of orders, oldest first') },
    },
    async (c) => {
      const p = c.get('principal');
      const q = query(c, ListQuery);
      const page = await deps.store.list({
        states: q.state,
        cursor: q.cursor,
        limit: q.limit,
        stationId: q.station,
        source: p.role === 'source' ? p.id : undefined,
        placePrefix: scopeOf(p),
      });
      return c.json({ ...page, items: page.items.map((v) => presentView(p, v, deps.sla)) }, 200);
    },
  );
}
