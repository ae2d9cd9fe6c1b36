// /v1/session: people log in with an account name and password (POST), see their session (GET) and
// log out here or everywhere (DELETE). The session travels in an HttpOnly, SameSite=Strict cookie;
// the answer carries the CSRF token the pages send back with every change.
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { z } from 'zod';
import { LoginRequest, SessionView } from '../../../../contracts/accounts.js';
import { login } from '../../../usecases/accounts/login.js';
import type { Accounts } from '../../../usecases/accounts/policy.js';
import { logout, sessionView } from '../../../usecases/accounts/sessions.js';
import { SESSION_COOKIE } from '../../auth.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody, query } from '../../parse.js';
import { HttpProblem } from '../../problem.js';

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: z.object({}) } },
});

const notLoggedIn = () =>
  new HttpProblem(401, 'unauthenticated', 'Not logged in', 'Log in with POST /v1/session');

function accountsOf(deps: AppDeps): Accounts {
  if (!deps.accounts)
    throw new HttpProblem(
      503,
      'accounts_unavailable',
      'Accounts are not configured',
      'This gateway has no account store; use an API key',
    );
  return deps.accounts;
}

/** The client's address for the per-address lockout: the TCP peer (a proxy's, behind one). */
function clientAddress(c: Context<AppEnv>): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function sessionRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/session',
      summary: 'Log in with a personal account (sets the hg_session cookie)',
      tags: ['Session'],
      roles: [],
      request: { body: { content: { 'application/json': { schema: LoginRequest } } } },
      responses: {
        200: json(SessionView, 'Logged in; the cookie is set, the CSRF token is in the body'),
        401: problem('Wrong account or password (the same answer for an unknown account)'),
        403: problem('The account is disabled'),
        429: problem('Too many failed logins for this account or address; see Retry-After'),
      },
    },
    async (c) => {
      const accounts = accountsOf(deps);
      const input = await jsonBody(c, LoginRequest, deps.limits.bodyBytes);
      const { sessionId, view } = await login(
        { accounts, clock: deps.clock, places: deps.places },
        {
          ...input,
          address: clientAddress(c),
          previous: getCookie(c, SESSION_COOKIE),
        },
      );
      setCookie(c, SESSION_COOKIE, sessionId, {
        httpOnly: true,
        sameSite: 'Strict',
        path: '/',
        secure: accounts.production,
        maxAge: Math.floor(accounts.policy.maxMs / 1000),
      });
      c.header('cache-control', 'no-store');
      return c.json(view, 200);
    },
  );

  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/session',
      summary: 'The current session: account, CSRF token, home page',
      tags: ['Session'],
      roles: [],
      responses: {
        200: json(SessionView, 'The session of the cookie'),
        401: problem('No session, or it has expired'),
      },
    },
    (c) => {
      accountsOf(deps);
      const session = c.get('session');
      if (!session) throw notLoggedIn();
      c.header('cache-control', 'no-store');
      return Promise.resolve(
        c.json(
          sessionView(
            { accounts: accountsOf(deps), clock: deps.clock, places: deps.places },
            session.account,
            session.session,
          ),
          200,
        ),
      );
    },
  );

  const LogoutQuery = z.object({
    everywhere: z
      .enum(['true', 'false'])
      .default('false')
      .describe('true: end every session of this account (all devices)'),
  });
  defineRoute(
    app,
    {
      method: 'delete',
      path: '/v1/session',
      summary: 'Log out (everywhere=true: on every device); needs the x-csrf-token header',
      tags: ['Session'],
      roles: [],
      request: { query: LogoutQuery },
      responses: {
        204: { description: 'Logged out; the cookie is cleared' },
        403: problem('Missing or wrong x-csrf-token'),
      },
    },
    async (c) => {
      const accounts = accountsOf(deps);
      const q = query(c, LogoutQuery);
      const session = c.get('session');
      if (session)
        await logout(
          { accounts, clock: deps.clock, places: deps.places },
          session,
          q.everywhere === 'true',
        );
      deleteCookie(c, SESSION_COOKIE, {
        path: '/',
        httpOnly: true,
        sameSite: 'Strict',
        secure: accounts.production,
      });
      return c.body(null, 204);
    },
  );
}
