// GET /v1/metrics/overdue and /v1/metrics/unsatisfied: the orders auditors drill into, paged by
// cursor, within the caller's scope (names and phones masked for auditors).
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderPage } from '../../../../contracts/views.js';
import { presentView, scopeOf } from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';
import { HttpProblem } from '../../problem.js';

const ListQuery = z.object({
  code: z
    .string()
    .regex(/^\d{6}(\d{3}(\d{3})?)?$/, 'a district, street or community code')
    .optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export function metricsLists(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  for (const kind of ['overdue', 'unsatisfied'] as const) {
    defineRoute(
      app,
      {
        method: 'get',
        path: `/v1/metrics/${kind}`,
        summary:
          kind === 'overdue'
            ? 'Orders with a deadline passed and the target still open (超期)'
            : 'Orders whose last valid callback was unsatisfied (不满意)',
        tags: ['Metrics'],
        roles: ['dispatcher', 'auditor', 'supervisor', 'admin'],
        request: { query: ListQuery },
        responses: { 200: json(OrderPage, 'Oldest first') },
      },
      async (c) => {
        const p = c.get('principal');
        const q = query(c, ListQuery);
        const scope = scopeOf(p);
        if (scope !== undefined && q.code !== undefined && !q.code.startsWith(scope))
          throw new HttpProblem(
            403,
            'outside_scope',
            'Outside your scope',
            `This key sees only ${scope}`,
          );
        const page = await deps.store.list({
          [kind]: true,
          placePrefix: q.code ?? scope,
          cursor: q.cursor,
          limit: q.limit,
        });
        return c.json({ ...page, items: page.items.map((v) => presentView(p, v, deps.sla)) }, 200);
      },
    );
  }
}
