// Routes are documented from the same Zod contracts they parse with: each route registers its
// OpenAPI entry here and mounts a plain Hono handler, so parsing stays in our hands (and errors
// keep one shape) while the document can never drift from the code.
import type { OpenAPIHono, RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { z } from 'zod';
import type { PrincipalRole } from '../../contracts/principals.js';
import { Problem } from '../../contracts/problem.js';
import type { AppEnv } from './deps.js';
import { requireRole } from './auth.js';

type Method = 'get' | 'post' | 'patch' | 'delete';

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
  /** Defaults to the method and path in camelCase (getV1OrdersId); unique in the document. */
  operationId?: string;
  /** An intake (receiveOrder): Idempotency-Key and webhook-* headers, 409 and 429 documented. */
  intake?: boolean;
  /** How this route's errors look when not RFC 9457 problems (Open311's GeoReport errors). */
  errorContent?: Record<string, { schema: z.ZodType }>;
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
  ...(spec.method === 'post' || spec.method === 'patch'
    ? {
        413: { description: 'Body larger than the configured limit', content: problemContent },
        415: { description: 'Content type not accepted', content: problemContent },
      }
    : {}),
  500: { description: 'Unexpected error (never for bad input)', content: problemContent },
});

const retryHeaders = {
  'Retry-After': {
    description: 'Seconds until a push is accepted again',
    schema: { type: 'integer' as const },
  },
  'RateLimit-Limit': {
    description: 'Pushes allowed per minute',
    schema: { type: 'integer' as const },
  },
  'RateLimit-Remaining': {
    description: 'Pushes left this minute',
    schema: { type: 'integer' as const },
  },
};
const intakeErrors: RouteConfig['responses'] = {
  403: {
    description:
      "The key's role may not submit, or the body's `source` names another source than the key's (`source_mismatch`): a key speaks for its own source only",
    content: problemContent,
  },
  409: {
    description: 'Idempotency-Key or webhook-id reused with a different body',
    content: problemContent,
  },
  429: {
    description: 'This source is over its intake rate; see Retry-After',
    headers: retryHeaders,
    content: problemContent,
  },
};
const intakeHeaders = {
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .describe(
      'Makes a retried push safe: the same key with the same body answers the first result',
    ),
  'webhook-id': z
    .string()
    .optional()
    .describe('Standard Webhooks: message id (then the idempotency key); signed pushes only'),
  'webhook-timestamp': z
    .string()
    .optional()
    .describe('Standard Webhooks: Unix seconds; within five minutes of the gateway clock'),
  'webhook-signature': z
    .string()
    .optional()
    .describe('Standard Webhooks: `v1,{base64 HMAC-SHA256 of id.timestamp.body}`, space-separated'),
};

/** The intake headers a route did not document itself are added. */
function withIntakeHeaders(request: RouteSpec['request']): RouteSpec['request'] {
  const given = request?.headers;
  const shape = given instanceof z.ZodObject ? given.shape : {};
  const missing = Object.fromEntries(
    Object.entries(intakeHeaders).filter(([name]) => !(name in shape)),
  );
  return { ...request, headers: z.object({ ...shape, ...missing }) };
}

/** get /v1/orders/{id}/timeline → getV1OrdersIdTimeline; services.json → ServicesJson. */
export function operationIdOf(method: string, path: string): string {
  const words = path
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1));
  return method + words.join('');
}

export function defineRoute(
  app: OpenAPIHono<AppEnv>,
  spec: RouteSpec,
  handler: (c: Context<AppEnv>) => Promise<Response>,
): void {
  const responses: RouteConfig['responses'] = {
    ...commonErrors(spec),
    ...(spec.intake ? intakeErrors : {}),
    ...spec.responses,
  };
  const limited = responses[429];
  if (spec.intake && limited && 'description' in limited)
    responses[429] = {
      ...limited,
      headers: {
        ...retryHeaders,
        ...((limited as { headers?: Record<string, object> }).headers ?? {}),
      },
    };
  // Every error response carries the error schema, whatever a route wrote for it.
  for (const [status, r] of Object.entries(responses)) {
    if (Number(status) >= 400 && r && 'description' in r)
      responses[status] = { ...r, content: spec.errorContent ?? problemContent };
  }
  const request = spec.intake ? withIntakeHeaders(spec.request) : spec.request;
  app.openAPIRegistry.registerPath({
    method: spec.method,
    path: spec.path,
    operationId: spec.operationId ?? operationIdOf(spec.method, spec.path),
    summary: spec.summary,
    tags: spec.tags,
    ...(spec.roles.length > 0
      ? {
          security: [{ apiKey: [] }],
          description: `Roles: ${spec.roles.join(', ')}`,
          'x-roles': [...spec.roles],
        }
      : { security: [] }),
    ...(request ? { request } : {}),
    responses,
  });
  const honoPath = spec.honoPath ?? spec.path.replace(/\{(\w+)\}/g, ':$1');
  const guard = requireRole(spec.roles);
  app.on(spec.method.toUpperCase(), honoPath, guard, handler);
}

export const json = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});
