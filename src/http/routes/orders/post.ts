// POST /v1/orders: a hotline platform pushes a canonical work order.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderSubmission } from '../../../../contracts/order.js';
import { Accepted } from '../../../../contracts/views.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { accepted } from '../../intake/accepted.js';
import { IdempotencyKey, receiveOrder } from '../../intake/receive.js';
import { canonicalAdapter } from '../../../../adapters/inbound/canonical/adapter.js';

export function postOrder(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/orders',
      summary: 'Submit a work order (受理)',
      tags: ['Intake'],
      roles: ['source'],
      intake: true,
      request: {
        headers: z.object({ 'idempotency-key': IdempotencyKey }),
        body: { required: true, content: { 'application/json': { schema: OrderSubmission } } },
      },
      responses: {
        202: {
          ...json(Accepted, 'Accepted (or already accepted earlier); Location names the order'),
          headers: { Location: { schema: { type: 'string' } } },
        },
        409: {
          description: 'Idempotency-Key reused with a different body',
          content: { 'application/problem+json': { schema: z.object({}) } },
        },
      },
    },
    async (c) => {
      // The same pipeline as every vendor intake (rate limit, signature, repair): src/http/intake/receive.ts.
      return accepted(c, await receiveOrder(c, deps, canonicalAdapter));
    },
  );
}
