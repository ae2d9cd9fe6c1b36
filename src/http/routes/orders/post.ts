// POST /v1/orders: a hotline platform pushes a canonical work order.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderSubmission } from '../../../../contracts/order.js';
import { Accepted } from '../../../../contracts/views.js';
import { submitOrder } from '../../../usecases/submit-order.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { parseJson, readBody, requireJsonContentType, validate } from '../../parse.js';

const IdempotencyKey = z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/, 'printable ASCII without spaces').optional();

export function postOrder(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/orders',
      summary: 'Submit a work order (受理)',
      tags: ['Intake'],
      roles: ['source'],
      request: {
        headers: z.object({ 'idempotency-key': IdempotencyKey }),
        body: { required: true, content: { 'application/json': { schema: OrderSubmission } } },
      },
      responses: {
        202: { ...json(Accepted, 'Accepted (or already accepted earlier); Location names the order'), headers: { Location: { schema: { type: 'string' } } } },
        409: { description: 'Idempotency-Key reused with a different body', content: { 'application/problem+json': { schema: z.object({}) } } },
      },
    },
    async (c) => {
      const idempotencyKey = validate(IdempotencyKey, c.req.header('idempotency-key'), 'header.Idempotency-Key');
      const contentType = requireJsonContentType(c);
      const rawBody = await readBody(c, deps.limits.bodyBytes);
      const submission = parseJson(rawBody, OrderSubmission);
      const { status, view } = await submitOrder(deps, { principal: c.get('principal'), submission, rawBody, contentType, idempotencyKey });
      const location = `/v1/orders/${view.id}`;
      c.get('log').info({ orderId: view.id, status, state: view.state, stationId: view.station?.id }, 'order intake');
      return c.json({ id: view.id, status, state: view.state, location }, 202, { Location: location });
    },
  );
}
