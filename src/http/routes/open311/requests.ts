// Open311 GeoReport v2 service requests: POST requests.{json|xml} takes a citizen's request through
// the one intake pipeline; GET requests.{json|xml} and GET requests/{id}.{json|xml} read orders back
// as GeoReport requests. Errors stay RFC 9457 problem details, as on every route of this gateway.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { open311Adapter } from '../../../../adapters/inbound/open311/adapter.js';
import { toServiceRequest } from '../../../../adapters/inbound/open311/present.js';
import { defaultOpen311Services } from '../../../../adapters/inbound/open311/services.js';
import { xmlList } from '../../../../adapters/inbound/open311/xml-out.js';
import type { OrderView } from '../../../../contracts/views.js';
import { presentView, visibleOrThrow } from '../../../usecases/access.js';
import { findVisibleOrders, listVisibleOrders } from '../../../usecases/read-visible-orders.js';
import { defineRoute } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { receiveOrder } from '../../intake/receive.js';
import { query } from '../../parse.js';
import { readBodyOnce, withoutApiKey } from './auth.js';

type Format = 'json' | 'xml';
const readers = ['source', 'auditor', 'admin'] as const;

const RequestsQuery = z.object({
  service_request_id: z
    .string()
    .max(2000)
    .optional()
    .describe('Comma-separated ids; the other filters are then ignored'),
  service_code: z.string().max(32).optional(),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  status: z.enum(['open', 'closed']).optional(),
  api_key: z.string().optional(),
});

function respond(
  c: Context<AppEnv>,
  format: Format,
  rows: Record<string, string | number | null>[],
  status: 200 | 201 = 200,
): Response {
  if (format === 'json') return c.json(rows, status);
  return c.body(xmlList('service_requests', 'request', rows), status, {
    'content-type': 'application/xml; charset=utf-8',
  });
}

export function open311Requests(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const services = deps.intake?.open311Services ?? defaultOpen311Services;
  const list = z.array(z.record(z.string(), z.unknown()));

  for (const format of ['json', 'xml'] as const) {
    defineRoute(
      app,
      {
        method: 'post',
        path: `/open311/v2/requests.${format}`,
        honoPath: `/open311/v2/requests.${format}`,
        summary: `Open311: create a service request (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: ['source'],
        request: {
          body: {
            required: true,
            content: {
              'application/x-www-form-urlencoded': {
                schema: z.object({
                  api_key: z.string(),
                  service_code: z.string(),
                  lat: z.string().optional(),
                  long: z.string().optional(),
                  address_string: z.string().optional(),
                  description: z.string().max(4000).optional(),
                  first_name: z.string().optional(),
                  last_name: z.string().optional(),
                  phone: z.string().optional(),
                  email: z.string().optional(),
                  media_url: z.string().optional(),
                }),
              },
            },
          },
        },
        responses: {
          201: {
            description: '[{service_request_id, service_notice, account_id}]',
            content: { [`application/${format}`]: { schema: list } },
          },
        },
      },
      async (c) => {
        const adapter = open311Adapter({
          services,
          receivedAt: deps.clock.now().toISOString(),
          externalId: `o311-${deps.newId()}`,
        });
        const body = await readBodyOnce(c, deps.limits.bodyBytes);
        const { view } = await receiveOrder(c, deps, adapter, { body, archive: withoutApiKey });
        c.header('location', `/open311/v2/requests/${view.id}.${format}`);
        return respond(
          c,
          format,
          [{ service_request_id: view.id, service_notice: null, account_id: null }],
          201,
        );
      },
    );

    defineRoute(
      app,
      {
        method: 'get',
        path: `/open311/v2/requests.${format}`,
        honoPath: `/open311/v2/requests.${format}`,
        summary: `Open311: list service requests (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: readers,
        request: { query: RequestsQuery },
        responses: {
          200: {
            description: 'Service requests, newest last, at most 1000',
            content: { [`application/${format}`]: { schema: list } },
          },
        },
      },
      async (c) => {
        const p = c.get('principal');
        const q = query(c, RequestsQuery);
        const ids = q.service_request_id
          ?.split(',')
          .map((s) => s.trim())
          .filter(Boolean)
          .slice(0, 100);
        // Through the one visibility rule (src/usecases/access.ts): a source its own, a scoped auditor its scope.
        const views: OrderView[] = ids
          ? await findVisibleOrders(deps, p, ids)
          : await listVisibleOrders(
              deps,
              p,
              {
                receivedFrom: q.start_date ? Date.parse(q.start_date) : undefined,
                receivedTo: q.end_date ? Date.parse(q.end_date) + 1 : undefined,
              },
              1000,
            );
        const rows = views
          .map((v) => toServiceRequest(presentView(p, v, deps.sla), services))
          .filter(
            (r) =>
              (q.status === undefined || r.status === q.status) &&
              (q.service_code === undefined || r.service_code === q.service_code),
          );
        return respond(c, format, rows);
      },
    );

    defineRoute(
      app,
      {
        method: 'get',
        path: `/open311/v2/requests/{id}.${format}`,
        honoPath: `/open311/v2/requests/:file{[^/]+\\.${format}}`,
        summary: `Open311: one service request (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: readers,
        request: { params: z.object({ id: z.string() }) },
        responses: {
          200: {
            description: 'A one-element list, as the spec has it',
            content: { [`application/${format}`]: { schema: list } },
          },
          404: {
            description: 'No such request, or not one the caller may see',
            content: { 'application/problem+json': { schema: z.object({}) } },
          },
        },
      },
      async (c) => {
        const p = c.get('principal');
        const id = (c.req.param('file') ?? '').slice(0, -(format.length + 1));
        const view = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
        return respond(c, format, [toServiceRequest(presentView(p, view, deps.sla), services)]);
      },
    );
  }
}
