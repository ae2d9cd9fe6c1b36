// Open311 GeoReport v2 service requests: POST requests.{json|xml} takes a citizen's request through
// the one intake pipeline; GET requests.{json|xml} and GET requests/{id}.{json|xml} read orders back
// as GeoReport requests, through the one visibility rule (src/usecases/access.ts). Reads need a key
// unless the operator publishes (OPEN311_PUBLIC_READ): then anyone reads the orders inside the public
// scope, without personal data. Errors are the spec's error list (./respond.ts).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { open311Adapter } from '../../../../adapters/inbound/open311/adapter.js';
import { open311ErrorContent } from '../../../../adapters/inbound/open311/errors.js';
import {
  publicServiceRequest,
  toServiceRequest,
} from '../../../../adapters/inbound/open311/present.js';
import { defaultOpen311Services } from '../../../../adapters/inbound/open311/services.js';
import { xmlList } from '../../../../adapters/inbound/open311/xml-out.js';
import type { PrincipalRole } from '../../../../contracts/principals.js';
import type { OrderView } from '../../../../contracts/views.js';
import { presentView, visibleOrThrow } from '../../../usecases/access.js';
import { findVisibleOrders, listVisibleOrders } from '../../../usecases/read-visible-orders.js';
import { sentKey } from '../../api-key.js';
import { defineRoute } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { receiveOrder } from '../../intake/receive.js';
import { pathParams, query } from '../../parse.js';
import type { Principal } from '../../principal.js';
import { HttpProblem } from '../../problem.js';
import { OrderIdParam } from '../orders/get.js';
import { Open311KeyQuery, readBodyOnce, withoutApiKey } from './auth.js';
import { mediaType, send, type Format } from './respond.js';
import { suffixed } from './suffixed-param.js';

const readers: readonly PrincipalRole[] = ['source', 'auditor', 'admin'];
const dayMs = 86_400_000;
/** The spec's window: the last 90 days by default, and no search spanning more. */
const windowDays = 90;
const maxRows = 1000;

const list = (max: number) =>
  z
    .string()
    .max(2000)
    .optional()
    .transform((s) =>
      s === undefined
        ? undefined
        : [
            ...new Set(
              s
                .split(',')
                .map((v) => v.trim())
                .filter(Boolean),
            ),
          ],
    )
    .pipe(z.array(z.string().max(64)).max(max).optional());

const RequestsQuery = z.object({
  service_request_id: list(100).describe(
    'Comma-separated ids (at most 100); when given, every other filter is ignored',
  ),
  service_code: list(50).describe('Comma-separated service codes'),
  status: list(2)
    .pipe(z.array(z.enum(['open', 'closed'])).optional())
    .describe('open, closed, or open,closed'),
  start_date: z.iso.datetime({ offset: true }).optional(),
  end_date: z.iso.datetime({ offset: true }).optional(),
  api_key: Open311KeyQuery.shape.api_key,
});
/** The {id} of requests/{id}.json: an order id, as GET /v1/orders/{id} takes it. */
const RequestIdParam = OrderIdParam;

const FormBody = z.object({
  api_key: z.string(),
  service_code: z.string(),
  lat: z.string().optional(),
  long: z.string().optional(),
  address_string: z.string().optional(),
  address_id: z.string().max(100).optional().describe('Alone: the order waits in triage'),
  description: z.string().max(4000).optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  media_url: z.string().optional(),
  'attribute[code]': z
    .string()
    .optional()
    .describe('Answers to the service definition attributes; attribute[code][]= for a list'),
});

const Created = z.array(
  z.object({
    service_request_id: z.string(),
    service_notice: z.string().nullable(),
    account_id: z.string().nullable(),
  }),
);
const ServiceRequest = z.object({
  service_request_id: z.string(),
  status: z.enum(['open', 'closed']),
  status_notes: z.string().nullable(),
  service_name: z.string(),
  service_code: z.string().nullable(),
  description: z.string().nullable(),
  agency_responsible: z.string().nullable(),
  service_notice: z.string().nullable(),
  requested_datetime: z.string(),
  updated_datetime: z.string(),
  expected_datetime: z.string().optional(),
  address: z.string().nullable(),
  address_id: z.string().nullable(),
  zipcode: z.string().nullable(),
  lat: z.number().nullable(),
  long: z.number().nullable(),
  media_url: z.string().nullable(),
});

type Rows = Record<string, string | number | null>[];
const respond = (c: Context<AppEnv>, format: Format, rows: Rows, status: 200 = 200) =>
  send(c, format, rows, () => xmlList('service_requests', 'request', rows), status);

/** Outside the spec's window: a 400 naming the date field. */
function dateWindow(q: { start_date?: string; end_date?: string }, now: number) {
  const start = q.start_date !== undefined ? Date.parse(q.start_date) : undefined;
  const end = q.end_date !== undefined ? Date.parse(q.end_date) : undefined;
  const from = start ?? (end ?? now) - windowDays * dayMs;
  const to = end ?? Math.min(now, from + windowDays * dayMs);
  const refuse = (path: string, message: string) =>
    new HttpProblem(400, 'validation_failed', 'The request is not valid', message, [
      { path, message },
    ]);
  if (to < from) throw refuse('end_date', 'end_date is before start_date');
  if (to - from > windowDays * dayMs)
    throw refuse('end_date', `start_date and end_date may span at most ${windowDays} days`);
  return { receivedFrom: from, receivedTo: to + 1 };
}

export function open311Requests(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const services = deps.intake?.open311Services ?? defaultOpen311Services;
  const published = deps.intake?.open311Public;
  const publicReader: Principal | undefined = published && {
    id: 'open311-public',
    role: 'auditor',
    name: 'Open311 public reader',
    scope: published.scope,
  };

  /**
   * Who reads: the key's principal (a reader role, else 403); without any key, the public reader
   * when the operator publishes. A wrong key is a 403 even then: the client should learn its key is bad.
   */
  const reader = (c: Context<AppEnv>): { p: Principal; anonymous: boolean } => {
    const p = c.get('principal') as Principal | undefined;
    if (p && readers.includes(p.role)) return { p, anonymous: false };
    if (!p && sentKey(c) === undefined && publicReader) return { p: publicReader, anonymous: true };
    throw new HttpProblem(
      403,
      p ? 'forbidden' : 'unauthenticated',
      p ? 'Not allowed for this role' : 'Missing or unknown api_key',
      p
        ? `Role "${p.role}" may not read service requests`
        : 'Send api_key (query or form field), or Authorization: Bearer <key>',
    );
  };
  const present = (p: Principal, anonymous: boolean, v: OrderView) => {
    const row = toServiceRequest(presentView(p, v, deps.sla), services);
    return anonymous ? publicServiceRequest(row) : row;
  };
  // Public read: documented as public; otherwise the reader roles, as everywhere.
  const readRoles = publicReader ? [] : readers;

  for (const format of ['json', 'xml'] as const) {
    const as = <T extends z.ZodType>(schema: T) =>
      format === 'json'
        ? { [mediaType.json]: { schema } }
        : { [mediaType.xml]: { schema: z.string().describe('The same fields as XML elements') } };
    const errorContent = open311ErrorContent(format);
    const requestId = suffixed(RequestIdParam, format);

    defineRoute(
      app,
      {
        method: 'post',
        path: `/open311/v2/requests.${format}`,
        honoPath: `/open311/v2/requests.${format}`,
        summary: `Open311: create a service request (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: ['source'],
        intake: true,
        errorContent,
        request: {
          body: {
            required: true,
            content: { 'application/x-www-form-urlencoded': { schema: FormBody } },
          },
        },
        responses: {
          200: {
            description: '[{service_request_id, service_notice, account_id}], as the spec examples',
            headers: { Location: { schema: { type: 'string' } } },
            content: as(Created),
          },
          403: { description: 'Missing or unknown api_key, or a key that may not create' },
          404: { description: 'Unknown service_code' },
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
        return respond(c, format, [
          { service_request_id: view.id, service_notice: null, account_id: null },
        ]);
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
        roles: readRoles,
        errorContent,
        request: { query: RequestsQuery },
        responses: {
          200: {
            description: `Service requests, oldest first, at most ${maxRows}; the last ${windowDays} days unless dated`,
            content: as(z.array(ServiceRequest)),
          },
          403: { description: 'Missing or unknown api_key (unless the operator publishes)' },
        },
      },
      async (c) => {
        const { p, anonymous } = reader(c);
        const q = query(c, RequestsQuery);
        // An id list overrides every other filter (spec); the visibility rule still holds.
        if (q.service_request_id) {
          const views = await findVisibleOrders(deps, p, q.service_request_id);
          return respond(
            c,
            format,
            views.map((v) => present(p, anonymous, v)),
          );
        }
        const window = dateWindow(q, deps.clock.now().getTime());
        const views = await listVisibleOrders(deps, p, window, maxRows);
        const rows = views
          .map((v) => present(p, anonymous, v))
          .filter(
            (r) =>
              (q.status === undefined || q.status.includes(r.status as 'open' | 'closed')) &&
              (q.service_code === undefined || q.service_code.includes(String(r.service_code))),
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
        roles: readRoles,
        errorContent,
        request: { params: RequestIdParam },
        responses: {
          200: {
            description: 'A one-element list, as the spec has it',
            content: as(z.array(ServiceRequest)),
          },
          403: { description: 'Missing or unknown api_key (unless the operator publishes)' },
          404: { description: 'No such request, or not one the caller may see' },
        },
      },
      async (c) => {
        const { p, anonymous } = reader(c);
        const { id } = pathParams(c, requestId);
        const view = visibleOrThrow(p, await deps.store.get(id), id, deps.places);
        return respond(c, format, [present(p, anonymous, view)]);
      },
    );
  }
}
