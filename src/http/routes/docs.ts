// /openapi.json is generated from the Zod contracts; /docs renders it with Redoc, served from
// node_modules under a strict Content-Security-Policy (no CDN: hotline offices often sit on closed
// government networks). Examples for requests and responses come from src/http/api-examples.ts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.js';
import { apiReferenceHtml, apiReferenceInit, docsCsp } from '../api-reference-page.js';
import { withExamples } from '../api-examples.js';

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'hotline-gateway',
    version: '0.1.0',
    description:
      '12345 hotline work-order gateway: intake, routing to grid stations, station actions and timelines. Errors are RFC 9457 problem details (Open311 routes: GeoReport v2 errors).',
    license: { name: 'Apache-2.0', identifier: 'Apache-2.0' },
  },
  servers: [{ url: 'http://127.0.0.1:8080', description: 'A gateway started with npm start' }],
};

const require = createRequire(import.meta.url);
let redocScript: string | undefined;

export function docs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'API key as a bearer token (X-API-Key also accepted)',
  });
  let document: unknown;
  const openapi = () => (document ??= withExamples(app.getOpenAPI31Document(openApiInfo)));
  app.get('/openapi.json', (c) => c.json(openapi()));
  const headers = (type: string) => ({
    'content-type': type,
    'content-security-policy': docsCsp,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-cache',
  });
  app.get('/docs', (c) => c.body(apiReferenceHtml, 200, headers('text/html; charset=utf-8')));
  app.get('/docs/init.js', (c) =>
    c.body(apiReferenceInit, 200, headers('text/javascript; charset=utf-8')),
  );
  app.get('/docs/redoc.standalone.js', (c) => {
    redocScript ??= readFileSync(require.resolve('redoc/bundles/redoc.standalone.js'), 'utf8');
    return c.body(redocScript, 200, headers('text/javascript; charset=utf-8'));
  });
}
