// /v1/subscriptions: a hotline source subscribes its own webhook endpoint to the changes of its
// orders (POST; the signing secret is shown once, in this answer), lists (GET) and removes (DELETE) them.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  SubscriptionCreated,
  SubscriptionInput,
  SubscriptionList,
} from '../../../../contracts/webhooks.js';
import {
  createSubscription,
  presentSubscription,
  subscriptionOwner,
} from '../../../usecases/subscriptions.js';
import { DomainError } from '../../../domain/errors.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody, pathParams } from '../../parse.js';
import { requireOutbound } from './outbound.js';

/** As `newId('sub')` mints them (src/webhooks/outbound/secret.ts): "sub_" and 20 base32 characters. */
const IdParam = z.object({
  id: z
    .string()
    .regex(/^sub_[0-9a-hjkmnp-tv-z]{20}$/, 'a subscription id: "sub_" and 20 base32 characters'),
});

export function subscriptionRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/subscriptions',
      summary:
        'Subscribe a webhook to the status changes of your orders, or (a station) to its assignments: new, re-dispatched away, reopened, 催办 (signing secret shown once)',
      tags: ['Webhooks'],
      roles: ['source', 'station'],
      request: {
        body: { required: true, content: { 'application/json': { schema: SubscriptionInput } } },
      },
      responses: {
        201: json(SubscriptionCreated, 'Created; store `secret` now, it is never shown again'),
      },
    },
    async (c) => {
      const outbound = requireOutbound(deps);
      const input = await jsonBody(c, SubscriptionInput, deps.limits.bodyBytes);
      const created = await createSubscription(
        { outbound, clock: deps.clock },
        c.get('principal'),
        input,
      );
      c.get('log').info(
        { subscriptionId: created.id, eventTypes: created.eventTypes },
        'webhook subscription created',
      );
      return c.json(created, 201, {
        location: `/v1/subscriptions/${created.id}`,
        'cache-control': 'no-store',
      });
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/subscriptions',
      summary: 'Your webhook subscriptions (without secrets)',
      tags: ['Webhooks'],
      roles: ['source', 'station'],
      responses: { 200: json(SubscriptionList, 'Every subscription of this source') },
    },
    async (c) => {
      const subs = await requireOutbound(deps).deliveries.subscriptions(
        subscriptionOwner(c.get('principal')),
      );
      return c.json({ items: subs.map(presentSubscription) }, 200);
    },
  );

  defineRoute(
    app,
    {
      method: 'delete',
      path: '/v1/subscriptions/{id}',
      summary: 'Remove a webhook subscription and its pending deliveries',
      tags: ['Webhooks'],
      roles: ['source', 'station'],
      request: { params: IdParam },
      responses: {
        204: { description: 'Removed' },
        404: json(z.object({}), 'No such subscription of this source'),
      },
    },
    async (c) => {
      const { id } = pathParams(c, IdParam);
      const removed = await requireOutbound(deps).deliveries.deleteSubscription(
        subscriptionOwner(c.get('principal')),
        id,
      );
      if (!removed)
        throw new DomainError('not_found', `No subscription ${id}`, {
          zh: `没有此订阅：${id}`,
        });
      return c.body(null, 204);
    },
  );
}
