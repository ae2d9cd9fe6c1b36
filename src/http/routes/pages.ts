// The station's web page (/station): a static shell and script; all data comes from the API with the
// station's own key. A strict Content-Security-Policy: no inline script, nothing from elsewhere.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { AppEnv } from '../deps.js';
import { stationHtml, stationJs } from '../pages/station-page.js';

const csp =
  "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function pages(app: OpenAPIHono<AppEnv>): void {
  app.get('/station', (c) =>
    c.html(stationHtml, 200, {
      'content-security-policy': csp,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    }),
  );
  app.get('/station.js', (c) =>
    c.body(stationJs, 200, {
      'content-type': 'text/javascript; charset=utf-8',
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
    }),
  );
}
