// One error shape: every failure leaves the gateway as RFC 9457 application/problem+json.
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { ZodError } from 'zod';
import type { FieldError, Problem } from '../../contracts/problem.js';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';

/** An error the HTTP layer raises itself (auth, parsing, limits). */
export class HttpProblem extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    readonly title: string,
    readonly detail?: string,
    readonly errors?: FieldError[],
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? title);
  }
}

const domainStatus: Record<DomainErrorCode, { status: ContentfulStatusCode; title: string }> = {
  validation_failed: { status: 400, title: 'The request is not valid' },
  not_found: { status: 404, title: 'Not found' },
  state_conflict: { status: 409, title: 'Not allowed in the current state' },
  version_conflict: { status: 409, title: 'The order changed meanwhile' },
  idempotency_conflict: { status: 409, title: 'Idempotency-Key reused with a different body' },
  unknown_station: { status: 422, title: 'Unknown station' },
  same_route_after_return: {
    status: 409,
    title: 'That station already returned the order as 属地不符',
  },
  extension_not_allowed: { status: 409, title: 'Extension not allowed now' },
  callback_window_closed: { status: 409, title: 'The callback window has closed' },
  unavailable: { status: 503, title: 'Temporarily unavailable' },
};

export const problemType = (code: string): string =>
  `https://hotline-gateway.dev/problems/${code.replaceAll('_', '-')}`;

export function zodFieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((i) => ({
    path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
    message: i.message,
  }));
}

export function toProblem(
  err: unknown,
  requestId: string,
  instance: string,
): { problem: Problem; headers: Record<string, string> } {
  if (err instanceof HttpProblem) {
    return {
      problem: {
        type: problemType(err.code),
        title: err.title,
        status: err.status,
        code: err.code,
        requestId,
        instance,
        ...(err.detail ? { detail: err.detail } : {}),
        ...(err.errors ? { errors: err.errors } : {}),
      },
      headers: err.headers,
    };
  }
  if (err instanceof DomainError) {
    const m = domainStatus[err.code];
    return {
      problem: {
        type: problemType(err.code),
        title: m.title,
        status: m.status,
        code: err.code,
        detail: err.message,
        requestId,
        instance,
        ...(err.details.state ? { state: err.details.state } : {}),
        ...(err.details.errors ? { errors: err.details.errors } : {}),
      },
      headers: {},
    };
  }
  return {
    problem: {
      type: problemType('internal'),
      title: 'Internal error',
      status: 500,
      code: 'internal',
      detail: 'An unexpected error occurred; it has been logged with this request id',
      requestId,
      instance,
    },
    headers: {},
  };
}

export function problemResponse(c: Context, err: unknown): Response {
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown';
  const { problem, headers } = toProblem(err, requestId, new URL(c.req.url).pathname);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: { 'content-type': 'application/problem+json; charset=utf-8', ...headers },
  });
}
