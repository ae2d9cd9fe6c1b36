// Open311 GeoReport v2 service discovery: GET services.{json|xml}, GET services/{code}.{json|xml}
// and the endpoint discovery document (GET /open311/discovery.{json|xml}). Public, as the spec has
// it: the list is the operator's topic catalogue and holds no personal data.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { Open311Service } from '../../../../contracts/open311.js';
import { open311ErrorContent } from '../../../../adapters/inbound/open311/errors.js';
import {
  toServiceDefinition,
  toServiceDescription,
} from '../../../../adapters/inbound/open311/present.js';
import { defaultOpen311Services } from '../../../../adapters/inbound/open311/services.js';
import { xmlDocument, xmlList } from '../../../../adapters/inbound/open311/xml-out.js';
import { defineRoute } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { pathParams } from '../../parse.js';
import { HttpProblem } from '../../problem.js';
import { mediaType, send } from './respond.js';
import { suffixed } from './suffixed-param.js';

const ServiceRow = z.object({
  service_code: z.string(),
  service_name: z.string(),
  description: z.string(),
  metadata: z.boolean().describe('true: GET services/{code} lists extra questions (attributes)'),
  type: z.literal('realtime'),
  keywords: z.string(),
  group: z.string(),
});
const Definition = z.object({
  service_code: z.string(),
  attributes: z.array(
    z.object({
      variable: z.boolean(),
      code: z.string(),
      datatype: z.string(),
      required: z.boolean(),
      datatype_description: z.string().nullable(),
      order: z.number().int(),
      description: z.string(),
      values: z.array(z.object({ key: z.string(), name: z.string() })).optional(),
    }),
  ),
});
const Discovery = z.object({
  changeset: z.string(),
  contact: z.string(),
  key_service: z.string(),
  endpoints: z.array(
    z.object({
      specification: z.string(),
      url: z.string(),
      changeset: z.string(),
      type: z.enum(['production', 'test']),
      formats: z.array(z.string()),
    }),
  ),
});

/** The {code} of services/{code}.json: a service code as an operator's service file may hold it. */
const CodeParam = z.object({ code: Open311Service.shape.service_code });

/** Stable across restarts: the day this discovery document last changed shape. */
const changeset = '2026-11-30T00:00:00+08:00';

export function open311Services(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const services = deps.intake?.open311Services ?? defaultOpen311Services;
  for (const format of ['json', 'xml'] as const) {
    const as = <T extends z.ZodType>(schema: T) =>
      format === 'json'
        ? { [mediaType.json]: { schema } }
        : { [mediaType.xml]: { schema: z.string().describe('The same fields as XML elements') } };
    const serviceCode = suffixed(CodeParam, format);
    defineRoute(
      app,
      {
        method: 'get',
        path: `/open311/discovery.${format}`,
        honoPath: `/open311/discovery.${format}`,
        summary: `Open311: endpoint discovery (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: [],
        errorContent: open311ErrorContent(format),
        responses: {
          200: { description: 'Where the GeoReport v2 endpoint is', content: as(Discovery) },
        },
      },
      async (c) => {
        const base = `${new URL(c.req.url).origin}/open311/v2/`;
        const doc = {
          changeset,
          contact: 'The operator of this 12345 gateway',
          key_service: 'API keys are issued by the operator (principals.json)',
          endpoints: [
            {
              specification: 'http://wiki.open311.org/GeoReport_v2',
              url: base,
              changeset,
              type: 'production' as const,
              formats: [mediaType.xml, mediaType.json],
            },
          ],
        };
        return send(c, format, doc, () => xmlDocument('discovery', doc));
      },
    );
    defineRoute(
      app,
      {
        method: 'get',
        path: `/open311/v2/services.${format}`,
        honoPath: `/open311/v2/services.${format}`,
        summary: `Open311: the service list (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: [],
        errorContent: open311ErrorContent(format),
        responses: {
          200: {
            description: 'Every service (问题分类) a request can be filed under',
            content: as(z.array(ServiceRow)),
          },
        },
      },
      async (c) => {
        const rows = services.map(toServiceDescription);
        return send(c, format, rows, () => xmlList('services', 'service', rows));
      },
    );
    defineRoute(
      app,
      {
        method: 'get',
        path: `/open311/v2/services/{code}.${format}`,
        honoPath: `/open311/v2/services/:file{[^/]+\\.${format}}`,
        summary: `Open311: one service definition (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: [],
        errorContent: open311ErrorContent(format),
        request: { params: CodeParam },
        responses: {
          200: {
            description: 'The service definition: the extra questions (attributes) it asks',
            content: as(Definition),
          },
          404: { description: 'No such service' },
        },
      },
      async (c) => {
        const { code } = pathParams(c, serviceCode);
        const service = services.find((s) => s.service_code === code);
        if (!service)
          throw new HttpProblem(
            404,
            'not_found',
            'No such service',
            `No Open311 service "${code}"; see /open311/v2/services.${format}`,
          );
        const definition = toServiceDefinition(service);
        return send(c, format, definition, () => xmlDocument('service_definition', definition));
      },
    );
  }
}
