// Every /v1 route checks who is calling: 401 without a valid key, 403 for a role that may not.
import type { MiddlewareHandler } from 'hono';
import type { PrincipalRole } from '../../contracts/principals.js';
import type { AppDeps, AppEnv } from './deps.js';
import { HttpProblem } from './problem.js';

export function apiKeyFrom(header: (name: string) => string | undefined): string | undefined {
  const auth = header('authorization');
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  return header('x-api-key')?.trim();
}

/** Resolves the caller once per request; routes then only check roles. */
export function authenticate(deps: Pick<AppDeps, 'principals'>): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = apiKeyFrom((n) => c.req.header(n));
    if (key) {
      const principal = await deps.principals.authenticate(key);
      if (principal) c.set('principal', principal);
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
          'Send the key as "Authorization: Bearer <key>" or "X-API-Key: <key>"',
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
