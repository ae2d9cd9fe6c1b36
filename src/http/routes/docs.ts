// /openapi.json is generated from the Zod contracts; /docs renders it as a self-contained page
// (no CDN scripts: hotline offices often sit on closed government networks).
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.js';
import { renderApiReference } from '../api-reference-page.js';

export const openApiInfo = {
  openapi: '3.1.0',
  info: {
    title: 'hotline-gateway',
    version: '0.1.0',
    description:
      '12345 hotline work-order gateway: intake, routing to grid stations, station actions and timelines. Errors are RFC 9457 problem details.',
  },
};

export function docs(app: OpenAPIHono<AppEnv>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'apiKey', {
    type: 'http',
    scheme: 'bearer',
    description: 'API key as a bearer token (X-API-Key also accepted)',
  });
  app.doc31('/openapi.json', openApiInfo);
  app.get('/docs', (c) =>
    c.html(
      renderApiReference(
        app.getOpenAPI31Document(openApiInfo) as unknown as Parameters<
          typeof renderApiReference
        >[0],
      ),
    ),
  );
}
