// Every /v1 route checks who is calling: an API key (machines) or a person's session cookie; 401
// without either, 403 for a role that may not. A cookie-authenticated request that changes something
// must also carry the session's CSRF token (x-csrf-token), so another site cannot ride the cookie.
import type { MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { PrincipalRole } from '../../contracts/principals.js';
import { csrfMatches, resumeSession } from '../usecases/accounts/sessions.js';
import { authenticateKey } from './api-key.js';
import type { AppDeps, AppEnv } from './deps.js';
import { HttpProblem } from './problem.js';

export const SESSION_COOKIE = 'hg_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Logging in needs no token: the session it would check is the one being replaced. */
const isLogin = (method: string, path: string) => method === 'POST' && path === '/v1/session';

/** Resolves the caller once per request; routes then only check roles. */
export function authenticate(
  deps: Pick<AppDeps, 'principals'> & Partial<Pick<AppDeps, 'accounts' | 'clock' | 'places'>>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = await authenticateKey(c, deps.principals);
    if (key === undefined && deps.accounts && deps.clock && deps.places) {
      const sessionId = getCookie(c, SESSION_COOKIE);
      const session =
        sessionId === undefined
          ? null
          : await resumeSession(
              { accounts: deps.accounts, clock: deps.clock, places: deps.places },
              sessionId,
            );
      if (session) {
        c.set('principal', session.principal);
        c.set('session', session);
        const method = c.req.method.toUpperCase();
        if (
          !SAFE_METHODS.has(method) &&
          !isLogin(method, c.req.path) &&
          !csrfMatches(session.session, c.req.header(CSRF_HEADER))
        ) {
          throw new HttpProblem(
            403,
            'csrf_failed',
            'Missing or wrong CSRF token',
            `Send the csrfToken of GET /v1/session as the ${CSRF_HEADER} header`,
          );
        }
      }
    }
    await next();
  };
}

export function requireRole(roles: readonly PrincipalRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (roles.length > 0) {
      const principal = c.get('principal') as AppEnv['Variables']['principal'] | undefined;
      if (!principal) {
        throw new HttpProblem(
          401,
          'unauthenticated',
          'Missing or unknown API key',
          'Send the key as "Authorization: Bearer <key>" or "X-API-Key: <key>", or log in (POST /v1/session)',
          undefined,
          { 'www-authenticate': 'Bearer realm="hotline-gateway"' },
        );
      }
      if (!roles.includes(principal.role)) {
        throw new HttpProblem(
          403,
          'forbidden',
          'Not allowed for this role',
          `Role "${principal.role}" may not call this route; allowed: ${roles.join(', ')}`,
        );
      }
    }
    await next();
  };
}
