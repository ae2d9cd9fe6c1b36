// Routes are documented from the same Zod contracts they parse with: each route registers its
// OpenAPI entry here and mounts a plain Hono handler, so parsing stays in our hands (and errors
// keep one shape) while the document can never drift from the code.
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { z } from 'zod';
import type { PrincipalRole } from '../../contracts/principals.js';
import { Problem } from '../../contracts/problem.js';
import type { AppEnv } from './deps.js';
import { requireRole } from './auth.js';

type Method = 'get' | 'post' | 'delete';

export interface RouteSpec {
  method: Method;
  /** OpenAPI-style path, e.g. /v1/orders/{id}. */
  path: string;
  /** The Hono path when {param} → :param cannot express it (Open311's "{id}.json" suffixes). */
  honoPath?: string;
  summary: string;
  tags: string[];
  /** Roles allowed to call; an empty list means public (probes and documentation only). */
  roles: readonly PrincipalRole[];
  request?: RouteConfig['request'];
  responses: RouteConfig['responses'];
}

const problemContent = { 'application/problem+json': { schema: Problem } };
const commonErrors = (spec: RouteSpec): RouteConfig['responses'] => ({
  400: {
    description: 'Malformed or invalid request; `errors` names each field',
    content: problemContent,
  },
  ...(spec.roles.length > 0
    ? {
        401: { description: 'Missing or unknown API key', content: problemContent },
        403: {
          description: 'The key is valid but its role may not do this',
          content: problemContent,
        },
      }
    : {}),
  ...(spec.method === 'post'
    ? {
        413: { description: 'Body larger than the configured limit', content: problemContent },
        415: { description: 'Content type not accepted', content: problemContent },
      }
    : {}),
  500: { description: 'Unexpected error (never for bad input)', content: problemContent },
});

export function defineRoute(
  app: OpenAPIHono<AppEnv>,
  spec: RouteSpec,
  handler: (c: Context<AppEnv>) => Promise<Response>,
): void {
  app.openAPIRegistry.registerPath({
    method: spec.method,
    path: spec.path,
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.roles.length > 0
      ? {
          security: [{ apiKey: [] }],
          description: `Roles: ${spec.roles.join(', ')}`,
          'x-roles': [...spec.roles],
        }
      : {}),
    ...(spec.request ? { request: spec.request } : {}),
    responses: { ...commonErrors(spec), ...spec.responses },
  });
  const honoPath = spec.honoPath ?? spec.path.replace(/\{(\w+)\}/g, ':$1');
  const guard = requireRole(spec.roles);
  app.on(spec.method.toUpperCase(), honoPath, guard, handler);
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
