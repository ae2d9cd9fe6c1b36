// One error shape: every failure leaves the gateway as RFC 9457 application/problem+json, with its
// title and detail in Chinese when the caller's Accept-Language prefers zh (problem-messages.ts).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z, type ZodError } from 'zod';
import { ProblemError, type FieldError, type Problem } from '../../contracts/problem.js';
import { DomainError, type DomainErrorCode } from '../domain/errors.js';
import { AccountError, type AccountErrorCode } from '../usecases/accounts/errors.js';
import { beijingDeadline, format } from './pages/messages/format.js';
import { messageFor, problemLanguage, type ProblemLanguage } from './problem-messages.js';

/** An error the HTTP layer raises itself (auth, parsing, limits). */
export class HttpProblem extends ProblemError {
  declare readonly status: ContentfulStatusCode;
  constructor(
    status: ContentfulStatusCode,
    code: string,
    title: string,
    detail?: string,
    errors?: FieldError[],
    headers: Record<string, string> = {},
  ) {
    super(status, code, title, detail, errors, headers);
  }
}

const domainStatus: Record<DomainErrorCode, ContentfulStatusCode> = {
  validation_failed: 400,
  not_found: 404,
  state_conflict: 409,
  version_conflict: 409,
  idempotency_conflict: 409,
  unknown_station: 422,
  same_route_after_return: 409,
  extension_not_allowed: 409,
  callback_window_closed: 409,
  unavailable: 503,
};

const accountStatus: Record<AccountErrorCode, ContentfulStatusCode> = {
  login_failed: 401,
  login_locked: 429,
  account_disabled: 403,
  account_exists: 409,
  account_not_found: 404,
};

const englishTitle = (code: string): string => messageFor(code, 'en')?.title ?? code;

export const problemType = (code: string): string =>
  `https://hotline-gateway.dev/problems/${code.replaceAll('_', '-')}`;

/** The Chinese reason of each field error made from a Zod issue, for callers who prefer zh. */
const chineseReasons = new WeakMap<FieldError, string>();
const zhLocale = z.locales.zhCN();

function chineseReason(issue: ZodError['issues'][number]): string | undefined {
  const m = zhLocale.localeError(issue as Parameters<typeof zhLocale.localeError>[0]);
  const text = typeof m === 'string' ? m : m?.message;
  // Issues no longer carry the input, so "received undefined" would be wrong: leave it out.
  return text?.replace(/，实际接收 undefined$/, '');
}

/** A field error the HTTP layer writes itself, with the reason a zh caller reads. */
export function fieldError(path: string, message: string, chinese: string): FieldError {
  const error = { path, message };
  chineseReasons.set(error, chinese);
  return error;
}

export function zodFieldErrors(error: ZodError, prefix = ''): FieldError[] {
  return error.issues.map((i) => {
    const fieldError = {
      path: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || '(body)',
      message: i.message,
    };
    const zh = chineseReason(i);
    if (zh) chineseReasons.set(fieldError, zh);
    return fieldError;
  });
}

/** A domain refusal's own Chinese reason, its moments written in Beijing time as the pages write them. */
function domainReason(err: unknown): string | undefined {
  if (!(err instanceof DomainError)) return undefined;
  const times = Object.fromEntries(
    Object.entries(err.details.times ?? {}).map(([k, iso]) => [k, beijingDeadline(iso)]),
  );
  return format(err.details.zh, times);
}

function localise(
  problem: Problem,
  lang: ProblemLanguage,
  retryAfter?: string,
  reason?: string,
): Problem {
  if (lang === 'en') return problem;
  const m = messageFor(problem.code, lang, {
    state: problem.state,
    retryAfterSeconds: retryAfter === undefined ? undefined : Number(retryAfter),
  });
  if (!m) return problem;
  const errors = problem.errors?.map((e) => ({
    path: e.path,
    message: chineseReasons.get(e) ?? reason ?? e.message,
  }));
  // A refusal with its own reason says it as a sentence: a worker reads no field paths.
  const detail =
    reason ?? (errors?.length ? errors.map((e) => `${e.path}：${e.message}`).join('；') : m.detail);
  const { detail: _english, ...rest } = problem;
  return {
    ...rest,
    title: m.title,
    ...(detail !== undefined ? { detail } : {}),
    ...(errors ? { errors } : {}),
  };
}

export function toProblem(
  err: unknown,
  requestId: string,
  instance: string,
  lang: ProblemLanguage = 'en',
): { problem: Problem; headers: Record<string, string> } {
  const { problem, headers } = englishProblem(err, requestId, instance);
  const retryAfter = Object.entries(headers).find(([k]) => k.toLowerCase() === 'retry-after')?.[1];
  return { problem: localise(problem, lang, retryAfter, domainReason(err)), headers };
}

function englishProblem(
  err: unknown,
  requestId: string,
  instance: string,
): { problem: Problem; headers: Record<string, string> } {
  if (err instanceof ProblemError) {
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
    return {
      problem: {
        type: problemType(err.code),
        title: englishTitle(err.code),
        status: domainStatus[err.code],
        code: err.code,
        detail: err.message,
        requestId,
        instance,
        ...(err.details.state ? { state: err.details.state } : {}),
        ...(err.details.errors ? { errors: err.details.errors } : {}),
      },
      // A retriable failure (a backing service that cannot take the write now, a write that kept
      // racing) tells the client it may send the same request again, and when.
      headers: err.retriable ? { 'retry-after': '1' } : {},
    };
  }
  if (err instanceof AccountError) {
    return {
      problem: {
        type: problemType(err.code),
        title: englishTitle(err.code),
        status: accountStatus[err.code],
        code: err.code,
        detail: err.message,
        requestId,
        instance,
      },
      headers:
        err.retryAfterSeconds !== undefined ? { 'retry-after': String(err.retryAfterSeconds) } : {},
    };
  }
  const internal = messageFor('internal', 'en');
  return {
    problem: {
      type: problemType('internal'),
      title: internal?.title ?? 'Internal error',
      status: 500,
      code: 'internal',
      ...(internal?.detail ? { detail: internal.detail } : {}),
      requestId,
      instance,
    },
    headers: {},
  };
}

export function problemResponse(c: Context, err: unknown): Response {
  const requestId = (c.get('requestId') as string | undefined) ?? 'unknown';
  const lang = problemLanguage(c.req.header('accept-language'));
  const { problem, headers } = toProblem(err, requestId, new URL(c.req.url).pathname, lang);
  return new Response(JSON.stringify(problem), {
    status: problem.status,
    headers: {
      'content-type': 'application/problem+json; charset=utf-8',
      'content-language': lang,
      vary: 'Accept-Language',
      ...headers,
    },
  });
}
