// POST /v1/orders/{id}/link-duplicate: 重复件 by hand. A dispatcher links an order to the open order it
// repeats (same caller, same matter): it leaves its station and is resolved with the lead, whose
// station now sees this caller too.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { LinkDuplicateAction } from '../../../../contracts/actions.js';
import { OrderView } from '../../../../contracts/views.js';
import { DomainError } from '../../../domain/errors.js';
import { actOnOrder } from '../../../usecases/act-on-order.js';
import { canSee, presentView, visibleOrThrow } from '../../../usecases/access.js';
import { joinLead } from '../../../usecases/duplicates.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody, pathParams } from '../../parse.js';
import { OrderIdParam } from './get.js';

export function linkDuplicate(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/orders/{id}/link-duplicate',
      summary: '重复件: link the order to the open order it repeats (dispatcher)',
      tags: ['Duplicates'],
      roles: ['dispatcher', 'admin'],
      request: {
        params: OrderIdParam,
        body: { required: true, content: { 'application/json': { schema: LinkDuplicateAction } } },
      },
      responses: {
        200: json(OrderView, 'The order, now a repeat of the lead'),
        404: { description: 'No such order, or not one the caller may act on' },
        409: { description: 'The order or the lead is not open, or the lead is itself a repeat' },
      },
    },
    async (c) => {
      const p = c.get('principal');
      const { id } = pathParams(c, OrderIdParam);
      const current = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
      const input = await jsonBody(c, LinkDuplicateAction, deps.limits.bodyBytes);
      const lead = await deps.store.get(input.leadId);
      if (!lead || !canSee(p, lead, deps.places))
        throw new DomainError('validation_failed', `No order ${input.leadId} to link to`, {
          zh: `没有可关联的工单：${input.leadId}`,
          errors: [{ path: 'leadId', message: 'no such order' }],
        });
      const view = await actOnOrder(
        deps,
        p,
        current,
        { kind: 'link_duplicate', lead, note: input.note },
        input.expectedVersion,
      );
      await joinLead(deps.store, view, deps.clock.now().toISOString());
      if (lead.station) deps.notifier.notify(lead.station.id);
      c.get('log').info(
        { orderId: view.id, action: 'link-duplicate', leadId: lead.id, version: view.version },
        'order action',
      );
      return c.json(presentView(p, view, deps.sla), 200);
    },
  );
}
