// /v1/admin/accounts: operators list, create, disable/enable personal accounts and reset passwords
// (admin only). Generated passwords are shown in the answer once and never stored in clear.
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  AccountId,
  AccountView,
  AccountWithPassword,
  CreateAccountRequest,
  PatchAccountRequest,
  ResetPasswordRequest,
} from '../../../../contracts/accounts.js';
import {
  createAccount,
  listAccounts,
  resetPassword,
  setDisabled,
} from '../../../usecases/accounts/manage-accounts.js';
import type { AccountsDeps } from '../../../usecases/accounts/policy.js';
import { defineRoute, json } from '../../define-route.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { jsonBody, pathParams } from '../../parse.js';
import { HttpProblem } from '../../problem.js';

const IdParam = z.object({ id: AccountId });
const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: z.object({}) } },
});
const body = <T extends z.ZodType>(schema: T) => ({
  body: { content: { 'application/json': { schema } } },
});

export function adminAccountRoutes(app: OpenAPIHono<AppEnv>, deps: AppDeps): void {
  const accountsDeps = (): AccountsDeps => {
    if (!deps.accounts)
      throw new HttpProblem(
        503,
        'accounts_unavailable',
        'Accounts are not configured',
        'This gateway has no account store',
      );
    return { accounts: deps.accounts, clock: deps.clock, places: deps.places };
  };
  defineRoute(
    app,
    {
      method: 'get',
      path: '/v1/admin/accounts',
      summary: 'Every personal account (no password hashes)',
      tags: ['Accounts'],
      roles: ['admin'],
      responses: { 200: json(z.object({ items: z.array(AccountView) }), 'Accounts by id') },
    },
    async (c) => c.json({ items: await listAccounts(accountsDeps()) }, 200),
  );

  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/admin/accounts',
      summary: 'Create an account (a password is generated when none is given)',
      tags: ['Accounts'],
      roles: ['admin'],
      request: body(CreateAccountRequest),
      responses: {
        201: json(AccountWithPassword, 'Created; a generated password is shown this once'),
        409: problem('An account with this id exists'),
      },
    },
    async (c) => {
      const input = await jsonBody(c, CreateAccountRequest, deps.limits.bodyBytes);
      const created = await createAccount(accountsDeps(), input);
      c.header('cache-control', 'no-store');
      return c.json(created, 201, { location: `/v1/admin/accounts/${created.account.id}` });
    },
  );

  defineRoute(
    app,
    {
      method: 'patch',
      path: '/v1/admin/accounts/{id}',
      summary: 'Disable (ends every session) or enable an account',
      tags: ['Accounts'],
      roles: ['admin'],
      request: { params: IdParam, ...body(PatchAccountRequest) },
      responses: {
        200: json(AccountView, 'The account as it is now'),
        404: problem('No such account'),
      },
    },
    async (c) => {
      const { id } = pathParams(c, IdParam);
      const patch = await jsonBody(c, PatchAccountRequest, deps.limits.bodyBytes);
      return c.json(await setDisabled(accountsDeps(), id, patch.disabled), 200);
    },
  );

  defineRoute(
    app,
    {
      method: 'post',
      path: '/v1/admin/accounts/{id}/reset-password',
      summary:
        'Set a new password (generated when none is given); ends every session, lifts a lockout',
      tags: ['Accounts'],
      roles: ['admin'],
      request: { params: IdParam, ...body(ResetPasswordRequest) },
      responses: {
        200: json(AccountWithPassword, 'Done; a generated password is shown this once'),
        404: problem('No such account'),
      },
    },
    async (c) => {
      const { id } = pathParams(c, IdParam);
      // No body at all: generate the password.
      const input = c.req.header('content-type')
        ? await jsonBody(c, ResetPasswordRequest, deps.limits.bodyBytes)
        : {};
      c.header('cache-control', 'no-store');
      return c.json(await resetPassword(accountsDeps(), id, input.password), 200);
    },
  );
}
