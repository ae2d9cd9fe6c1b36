// POST /v1/orders/{id}/unlink-duplicate: a repeat (重复件) that is a matter of its own after all. A
// dispatcher unlinks it: it leaves the lead's callers and waits in triage to be dispatched on its own.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { UnlinkDuplicateAction } from '../../../../contracts/actions.js';
import { OrderView } from '../../../../contracts/views.js';
import { actOnOrder } from '../../../usecases/act-on-order.js';
import { presentView, visibleOrThrow } from '../../../usecases/access.js';
import { leaveLead } from '../../../usecases/duplicates.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody, pathParams } from '../../parse.js';
import { OrderIdParam } from './get.js';

export function unlinkDuplicate(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/orders/{id}/unlink-duplicate',
      summary: '重复件 undone: unlink a repeat from its lead; it goes to triage (dispatcher)',
      tags: ['Duplicates'],
      roles: ['dispatcher', 'admin'],
      request: {
        params: OrderIdParam,
        body: {
          required: true,
          content: { 'application/json': { schema: UnlinkDuplicateAction } },
        },
      },
      responses: {
        200: json(OrderView, 'The order, in triage'),
        404: { description: 'No such order, or not one the caller may act on' },
        409: { description: 'The order is not a linked repeat' },
      },
    },
    async (c) => {
      const p = c.get('principal');
      const { id } = pathParams(c, OrderIdParam);
      const current = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
      const input = await jsonBody(c, UnlinkDuplicateAction, deps.limits.bodyBytes);
      const leadId = current.duplicateOf;
      const view = await actOnOrder(
        deps,
        p,
        current,
        { kind: 'unlink_duplicate', note: input.note },
        input.expectedVersion,
      );
      if (leadId !== undefined)
        await leaveLead(deps.store, leadId, view.id, input.note, deps.clock.now().toISOString());
      c.get('log').info(
        { orderId: view.id, action: 'unlink-duplicate', leadId, version: view.version },
        'order action',
      );
      return c.json(presentView(p, view, deps.sla), 200);
    },
  );
}
