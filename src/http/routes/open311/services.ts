// Open311 GeoReport v2 service discovery: GET services.{json|xml} and GET services/{code}.{json|xml}.
// Public, as the spec has it: the list is the operator's topic catalogue and holds no personal data.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import { toServiceDescription } from '../../../../adapters/inbound/open311/present.js';
import { defaultOpen311Services } from '../../../../adapters/inbound/open311/services.js';
import { xmlDocument, xmlList } from '../../../../adapters/inbound/open311/xml-out.js';
import { defineRoute } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { HttpProblem } from '../../problem.js';

type Format = 'json' | 'xml';

function xml(c: Context<AppEnv>, text: string): Response {
  return c.body(text, 200, { 'content-type': 'application/xml; charset=utf-8' });
}

export function open311Services(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const services = deps.intake?.open311Services ?? defaultOpen311Services;
  for (const format of ['json', 'xml'] as const satisfies readonly Format[]) {
    defineRoute(
      app,
      {
        method: 'get',
        path: `/open311/v2/services.${format}`,
        honoPath: `/open311/v2/services.${format}`,
        summary: `Open311: the service list (${format.toUpperCase()})`,
        tags: ['Open311'],
        roles: [],
        responses: {
          200: {
            description: 'Every service (问题分类) a request can be filed under',
            content: {
              [`application/${format}`]: { schema: z.array(z.record(z.string(), z.unknown())) },
            },
          },
        },
      },
      async (c) => {
        const rows = services.map(toServiceDescription);
        return format === 'json' ? c.json(rows, 200) : xml(c, xmlList('services', 'service', rows));
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
        request: { params: z.object({ code: z.string() }) },
        responses: {
          200: {
            description: 'The service definition (no extra attributes are asked)',
            content: { [`application/${format}`]: { schema: z.record(z.string(), z.unknown()) } },
          },
          404: {
            description: 'No such service',
            content: { 'application/problem+json': { schema: z.object({}) } },
          },
        },
      },
      async (c) => {
        const code = (c.req.param('file') ?? '').slice(0, -(format.length + 1));
        const service = services.find((s) => s.service_code === code);
        if (!service)
          throw new HttpProblem(
            404,
            'not_found',
            'No such service',
            `No Open311 service "${code.slice(0, 40)}"; see /open311/v2/services.${format}`,
          );
        const definition = { service_code: service.service_code, attributes: [] };
        return format === 'json'
          ? c.json(definition, 200)
          : xml(
              c,
              xmlDocument('service_definition', {
                service_code: service.service_code,
                attributes: [],
              }),
            );
      },
    );
  }
}
