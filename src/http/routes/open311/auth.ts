// Open311 clients send their key as the spec says: `api_key` in the query or, for POST, in the form
// body. Bearer and X-API-Key work too. A form body read here is kept for the route, so it is read once.
// Errors leave every Open311 route in the spec's format (./respond.ts).
import type { Context, MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { authenticateKey } from '../../api-key.js';
import type { AppDeps, AppEnv } from '../../deps.js';
import { query, readBody } from '../../parse.js';
import { problemResponse } from '../../problem.js';
import { asOpen311Errors } from './respond.js';

const bodies = new WeakMap<Request, Uint8Array>();

/** `api_key` in the query string; a longer value is no key of ours, so it is a 400, not a 403. */
export const Open311KeyQuery = z.object({
  api_key: z.string().max(256).optional().describe('The API key (or Authorization: Bearer)'),
});

export function readBodyOnce(c: Context<AppEnv>, limit: number): Promise<Uint8Array> {
  const kept = bodies.get(c.req.raw);
  return kept ? Promise.resolve(kept) : readBody(c, limit);
}

/** The api_key field of a form body, ASCII only (keys are). */
function formApiKey(body: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(body);
  const pair = text.split('&').find((p) => p.startsWith('api_key='));
  if (pair === undefined) return undefined;
  try {
    return (
      decodeURIComponent(pair.slice('api_key='.length).replace(/\+/g, ' ')).trim() || undefined
    );
  } catch {
    return undefined;
  }
}

/** The archived body keeps everything but the key: secrets never sit in the audit archive. */
export function withoutApiKey(body: Uint8Array): Uint8Array {
  const out: number[] = [];
  const marker = new TextEncoder().encode('api_key=');
  let i = 0;
  while (i < body.length) {
    const atField = i === 0 || body[i - 1] === 0x26;
    if (atField && marker.every((b, k) => body[i + k] === b)) {
      out.push(...marker, ...new TextEncoder().encode('[redacted]'));
      i += marker.length;
      while (i < body.length && body[i] !== 0x26) i++;
      continue;
    }
    out.push(body[i] ?? 0);
    i++;
  }
  return Uint8Array.from(out);
}

/**
 * The first middleware of every /open311 route: reads the key, and on the way out turns any problem
 * (raised here, by a guard, a parser or a handler) into the spec's error list.
 */
export function open311Authenticate(
  deps: Pick<AppDeps, 'principals' | 'limits'>,
): MiddlewareHandler<AppEnv> {
  const authenticate = authenticateOpen311(deps);
  return async (c, next) => {
    try {
      await authenticate(c, next);
    } catch (err) {
      c.res = problemResponse(c, err);
    }
    c.res = await asOpen311Errors(c.res, new URL(c.req.url).pathname);
  };
}

function authenticateOpen311(
  deps: Pick<AppDeps, 'principals' | 'limits'>,
): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await authenticateKey(c, deps.principals, {
      elsewhere: async () => {
        const fromQuery = query(c, Open311KeyQuery).api_key;
        const form = (c.req.header('content-type') ?? '')
          .toLowerCase()
          .startsWith('application/x-www-form-urlencoded');
        if (fromQuery !== undefined || c.req.method !== 'POST' || !form) return fromQuery;
        const body = await readBody(c, deps.limits.bodyBytes);
        bodies.set(c.req.raw, body);
        return formApiKey(body);
      },
    });
    await next();
  };
}
