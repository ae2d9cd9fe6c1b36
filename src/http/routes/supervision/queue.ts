// GET /v1/supervision/queue: a supervisor's escalation queue (督办), the orders under their scope that
// the policy or a colleague escalated to their level and that are still overdue.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderView } from '../../../../contracts/views.js';
import { presentView } from '../../../usecases/access.js';
import { supervisionLevelOf, supervisionQueue } from '../../../usecases/supervision.js';
import { SupervisionLevel } from '../../../../contracts/sla.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query } from '../../parse.js';

const QueueQuery = z.object({ limit: z.coerce.number().int().min(1).max(200).default(50) });

export const SupervisionQueue = z.object({
  level: SupervisionLevel.describe("The caller's level: what a 督办 by hand records by default"),
  items: z
    .array(OrderView)
    .describe('District escalations first, then the deadline missed first; masked like auditors'),
  truncated: z.boolean().describe('The scan of overdue orders stopped at its bound; more may wait'),
});

export function supervisionRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/supervision/queue',
      summary: "督办: the caller's escalation queue, overdue orders escalated to their level",
      tags: ['Supervision'],
      roles: ['supervisor', 'admin'],
      request: { query: QueueQuery },
      responses: { 200: json(SupervisionQueue, 'The escalated orders under the caller’s scope') },
    },
    async (c) => {
      const p = c.get('principal');
      const q = query(c, QueueQuery);
      const queue = await supervisionQueue(
        {
          store: deps.store,
          present: (v) => presentView(p, v, deps.sla),
          now: deps.clock.now().getTime(),
        },
        p,
        q.limit,
      );
      return c.json({ level: supervisionLevelOf(p), ...queue }, 200);
    },
  );
}
