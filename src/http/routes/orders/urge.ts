// POST /v1/orders/{id}/urge: 催办 by hand. A supervisor (or admin) urges the station holding an open
// order, with a note; recorded on the order's stream, sent to the platform's status webhook and to
// the station's assignment feed.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { UrgeAction } from '../../../../contracts/actions.js';
import { OrderView } from '../../../../contracts/views.js';
import { actOnOrder } from '../../../usecases/act-on-order.js';
import { presentView, visibleOrThrow } from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody } from '../../parse.js';
import { OrderIdParam } from './get.js';

export function urgeOrder(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/orders/{id}/urge',
      summary: '催办: urge the station holding the order, with a note (supervisor)',
      tags: ['Supervision'],
      roles: ['supervisor', 'admin'],
      request: {
        params: OrderIdParam,
        body: { required: true, content: { 'application/json': { schema: UrgeAction } } },
      },
      responses: {
        200: json(OrderView, 'The order after the 催办'),
        404: { description: 'No such order, or not one under the caller’s scope' },
        409: { description: 'No station holds the order, or it is resolved or closed' },
      },
    },
    async (c) => {
      const p = c.get('principal');
      const id = c.req.param('id') ?? '';
      const current = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
      const input = await jsonBody(c, UrgeAction, deps.limits.bodyBytes);
      const view = await actOnOrder(
        deps,
        p,
        current,
        { kind: 'urge', note: input.note },
        input.expectedVersion,
      );
      c.get('log').info(
        { orderId: view.id, action: 'urge', version: view.version },
        'order action',
      );
      return c.json(presentView(p, view, deps.sla), 200);
    },
  );
}
