// The people's pages and their assets, all under one strict Content-Security-Policy: scripts and
// styles only from this origin (no inline script, no inline style, no CDN), data only from the API.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../deps.js';
import { clientScript, isClientEntry } from '../pages/client-bundle.js';
import { adminPage } from '../pages/admin-page.js';
import { auditPage } from '../pages/audit-page.js';
import { dispatchPage } from '../pages/dispatch-page.js';
import { landingPage } from '../pages/landing-page.js';
import { loginPage } from '../pages/login-page.js';
import { notFoundPage } from '../pages/not-found-page.js';
import { stationPage } from '../pages/station-page.js';
import { supervisionPage } from '../pages/supervision-page.js';

export const pageCsp =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
  "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

const securityHeaders = (csp: string) => ({
  'content-security-policy': csp,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
});

const require = createRequire(import.meta.url);
/** Files served as they are: our stylesheet and well-kept libraries from node_modules (no CDN). */
const staticAssets: Record<string, { path: () => string; type: string }> = {
  'app.css': {
    path: () => new URL('../pages/assets/app.css', import.meta.url).pathname,
    type: 'text/css; charset=utf-8',
  },
  'echarts.min.js': {
    path: () => require.resolve('echarts/dist/echarts.min.js'),
    type: 'text/javascript; charset=utf-8',
  },
};
const staticCache = new Map<string, string>();

const notFound = notFoundPage();

/**
 * A wrong address typed into a browser: a small Chinese page with a way home, under the pages' CSP.
 * Only navigations get it (Accept names text/html); API clients keep the problem+json 404.
 */
export function wantsPage(c: Context): boolean {
  const accept = c.req.header('accept') ?? '';
  return (c.req.method === 'GET' || c.req.method === 'HEAD') && accept.includes('text/html');
}

export const notFoundHtml = (c: Context): Response =>
  c.html(notFound, 404, securityHeaders(pageCsp));

export interface PagesOptions {
  /** Demo accounts exist (not production): the login page says where to find them. */
  demo: boolean;
}

export function pages(app: OpenAPIHono<AppEnv>, options: PagesOptions = { demo: true }): void {
  const html = (c: Context<AppEnv>, body: string) => c.html(body, 200, securityHeaders(pageCsp));
  // Rendered once: the shells are static text from the catalogue.
  const landing = landingPage();
  const login = loginPage(options.demo);
  const dispatch = dispatchPage();
  const audit = auditPage();
  const station = stationPage();
  app.get('/', (c) => html(c, landing));
  app.get('/login', (c) => html(c, login));
  app.get('/dispatch', (c) => html(c, dispatch));
  app.get('/audit', (c) => html(c, audit));
  const admin = adminPage();
  app.get('/admin', (c) => html(c, admin));
  app.get('/station', (c) => html(c, station));
  const supervision = supervisionPage();
  app.get('/supervision', (c) => html(c, supervision));
  app.get('/assets/:file', async (c) => {
    const file = c.req.param('file');
    const headers = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-cache' };
    const known = staticAssets[file];
    if (known) {
      let text = staticCache.get(file);
      if (text === undefined) {
        text = readFileSync(known.path(), 'utf8');
        staticCache.set(file, text);
      }
      return c.body(text, 200, { ...headers, 'content-type': known.type });
    }
    const entry = file.endsWith('.js') ? file.slice(0, -3) : '';
    if (isClientEntry(entry)) {
      return c.body(await clientScript(entry), 200, {
        ...headers,
        'content-type': 'text/javascript; charset=utf-8',
      });
    }
    return c.notFound();
  });
}
