// /v1/deliveries: the attempts log of the status webhooks (a source sees its own orders' deliveries,
// an admin all), the dead-letter list, and the replay of a dead delivery.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Delivery, DeliveryPage, DeliveryStatus } from '../../../../contracts/webhooks.js';
import { replayDelivery, subscriptionOwner } from '../../../usecases/subscriptions.js';
import type { Principal } from '../../principal.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { pathParams, query } from '../../parse.js';
import { requireOutbound } from './outbound.js';

const ListQuery = z.object({
  status: DeliveryStatus.optional(),
  orderId: z.string().max(80).optional(),
  cursor: z.string().max(40).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
const DeadQuery = ListQuery.omit({ status: true });
/** A delivery id is its message's id, as `newId('msg')` mints it (src/webhooks/outbound/secret.ts). */
const IdParam = z.object({
  id: z
    .string()
    .regex(/^msg_[0-9a-hjkmnp-tv-z]{20}$/, 'a delivery id: "msg_" and 20 base32 characters'),
});

const scope = (p: Principal) => (p.role === 'admin' ? undefined : subscriptionOwner(p));

export function deliveryRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/deliveries',
      summary: 'Webhook deliveries with every attempt (status, error, duration)',
      tags: ['Webhooks'],
      roles: ['source', 'station', 'admin'],
      request: { query: ListQuery },
      responses: { 200: json(DeliveryPage, 'A page of deliveries, oldest first') },
    },
    async (c) => {
      const q = query(c, ListQuery);
      return c.json(
        await requireOutbound(deps).deliveries.list({ ...q, source: scope(c.get('principal')) }),
        200,
      );
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/deliveries/dead',
      summary:
        'The dead-letter list: deliveries that failed every attempt (or whose endpoint said 410 Gone)',
      tags: ['Webhooks'],
      roles: ['source', 'station', 'admin'],
      request: { query: DeadQuery },
      responses: { 200: json(DeliveryPage, 'A page of dead deliveries, oldest first') },
    },
    async (c) => {
      const q = query(c, DeadQuery);
      return c.json(
        await requireOutbound(deps).deliveries.list({
          ...q,
          status: 'dead',
          source: scope(c.get('principal')),
        }),
        200,
      );
    },
  );

  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/deliveries/{id}/replay',
      summary: 'Send a dead delivery again (same webhook-id, so receivers can deduplicate)',
      tags: ['Webhooks'],
      roles: ['source', 'station', 'admin'],
      request: { params: IdParam },
      responses: {
        202: json(Delivery, 'Pending again, due now'),
        404: json(z.object({}), 'No such delivery of this source'),
        409: json(z.object({}), 'Not dead, or its subscription is disabled'),
      },
    },
    async (c) => {
      const outbound = requireOutbound(deps);
      const d = await replayDelivery(
        { outbound, clock: deps.clock },
        c.get('principal'),
        pathParams(c, IdParam).id,
      );
      return c.json(d, 202);
    },
  );
}
