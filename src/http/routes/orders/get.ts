// GET /v1/orders/{id} and GET /v1/orders/{id}/timeline: one order, as its caller may see it.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { OrderView, Timeline } from '../../../../contracts/views.js';
import {
  callerNamesOf,
  presentEvent,
  presentView,
  visibleOrThrow,
} from '../../../usecases/access.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { pathParams } from '../../parse.js';

export const OrderIdParam = z.object({ id: z.string().min(1).max(64) });
const readers = ['source', 'station', 'dispatcher', 'auditor', 'supervisor', 'admin'] as const;
const notFound = {
  description: 'No such order, or not one the caller may see',
  content: { 'application/problem+json': { schema: z.object({}) } },
};

export function getOrder(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/orders/{id}',
      summary: 'Read one order: state, station, route decision',
      tags: ['Orders'],
      roles: readers,
      request: { params: OrderIdParam },
      responses: { 200: json(OrderView, 'The order'), 404: notFound },
    },
    async (c) => {
      const p = c.get('principal');
      const { id } = pathParams(c, OrderIdParam);
      const view = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
      return c.json(presentView(p, view, deps.sla), 200, { ETag: `"${view.version}"` });
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/orders/{id}/timeline',
      summary: "Every event of the order's history, with who and when",
      tags: ['Orders'],
      roles: readers,
      request: { params: OrderIdParam },
      responses: { 200: json(Timeline, 'The timeline, oldest first'), 404: notFound },
    },
    async (c) => {
      const p = c.get('principal');
      const { id } = pathParams(c, OrderIdParam);
      const view = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
      const events = await deps.store.events(id);
      const names = callerNamesOf(view);
      return c.json({ orderId: id, events: events.map((e) => presentEvent(p, e, names)) }, 200);
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/orders/{id}/raw',
      summary:
        'The original request bytes, as received (audit). Admin only: they hold unmasked personal data; every access is logged',
      tags: ['Orders'],
      roles: ['admin'],
      request: { params: OrderIdParam },
      responses: {
        200: { description: 'The first request body that created the order, byte for byte' },
        404: notFound,
      },
    },
    async (c) => {
      const { id } = pathParams(c, OrderIdParam);
      visibleOrThrow(c.get('principal'), await deps.store.get(id), id, deps.places);
      const [first] = await deps.store.raw(id);
      if (!first) return c.body(null, 204);
      // An access record: who read which order's original bytes (the bytes themselves never reach a log).
      c.get('log').info(
        {
          audit: 'raw_request_read',
          orderId: id,
          reader: c.get('principal').id,
          bytes: first.body.byteLength,
        },
        'raw request read',
      );
      return new Response(first.body as Uint8Array<ArrayBuffer>, {
        status: 200,
        headers: { 'content-type': first.contentType, 'x-received-at': first.receivedAt },
      });
    },
  );
}
