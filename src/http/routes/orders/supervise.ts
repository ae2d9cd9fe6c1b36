// POST /v1/orders/{id}/supervise: 督办 by hand. A supervisor puts an open order under supervision at
// their level (or the level given), with a note; it then stands in that level's escalation queue
// while overdue, and the platform hears it on its status webhook.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { SuperviseAction } from '../../../../contracts/actions.js';
import { OrderView } from '../../../../contracts/views.js';
import { actOnOrder } from '../../../usecases/act-on-order.js';
import { presentView, visibleOrThrow } from '../../../usecases/access.js';
import { supervisionLevelOf } from '../../../usecases/supervision.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody } from '../../parse.js';
import { OrderIdParam } from './get.js';

export function superviseOrder(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/orders/{id}/supervise',
      summary: '督办: put the order under supervision at a level, with a note (supervisor)',
      tags: ['Supervision'],
      roles: ['supervisor', 'admin'],
      request: {
        params: OrderIdParam,
        body: { required: true, content: { 'application/json': { schema: SuperviseAction } } },
      },
      responses: {
        200: json(OrderView, 'The order after the 督办'),
        404: { description: 'No such order, or not one under the caller’s scope' },
        409: { description: 'The order is resolved or closed' },
      },
    },
    async (c) => {
      const p = c.get('principal');
      const id = c.req.param('id') ?? '';
      const current = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
      const input = await jsonBody(c, SuperviseAction, deps.limits.bodyBytes);
      const level = input.level ?? supervisionLevelOf(p);
      const view = await actOnOrder(
        deps,
        p,
        current,
        { kind: 'supervise', level, note: input.note },
        input.expectedVersion,
      );
      c.get('log').info(
        { orderId: view.id, action: 'supervise', level, version: view.version },
        'order action',
      );
      return c.json(presentView(p, view, deps.sla), 200);
    },
  );
}
