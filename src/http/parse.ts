// Reading requests defensively: size limit before reading, content type, JSON syntax, then the
// Zod contract. Each failure is a problem response naming what was wrong, never a 500.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { AppEnv } from './deps.js';
import { HttpProblem, zodFieldErrors } from './problem.js';
import { jsonValue, utf8Text } from '../../contracts/json-body.js';
import { ProblemError } from '../../contracts/problem.js';
import { declaredCharset, mediaType } from '../../adapters/inbound/content-type.js';

/** Reads at most `limit` bytes; a longer body is a 413 whether or not it declared its length. */
export async function readBody(c: Context<AppEnv>, limit: number): Promise<Uint8Array> {
  const declared = Number(c.req.header('content-length') ?? NaN);
  const tooLarge = () =>
    new HttpProblem(413, 'body_too_large', 'Request body too large', `The limit is ${limit} bytes`);
  if (Number.isFinite(declared) && declared > limit) throw tooLarge();
  const stream = c.req.raw.body;
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > limit) {
        await reader.cancel();
        throw tooLarge();
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    throw new HttpProblem(
      400,
      'body_unreadable',
      'The request body could not be read',
      'The body ended early or the connection failed',
    );
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const ch of chunks) {
    out.set(ch, at);
    at += ch.byteLength;
  }
  return out;
}

export function requireJsonContentType(c: Context<AppEnv>): string {
  const type = c.req.header('content-type') ?? '';
  const mime = mediaType(type);
  if (mime !== 'application/json' && !mime.endsWith('+json')) {
    throw new HttpProblem(
      415,
      'unsupported_media_type',
      'Unsupported content type',
      `Expected application/json, got "${type || 'none'}"`,
      undefined,
      { accept: 'application/json' },
    );
  }
  // The one Content-Type reader (quotes and spacing as RFC 9110 allows them), JSON held to UTF-8.
  const charset = declaredCharset(type);
  if (charset !== undefined && charset !== 'utf-8') {
    throw new HttpProblem(
      415,
      'unsupported_charset',
      'Unsupported charset',
      `JSON must be UTF-8, got charset=${charset}`,
    );
  }
  return type;
}

export function parseJson<T extends z.ZodType>(bytes: Uint8Array, schema: T): z.infer<T> {
  const value = jsonValue(utf8Text(bytes));
  return validate(schema, value, '');
}

export function validate<T extends z.ZodType>(
  schema: T,
  value: unknown,
  prefix: string,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const errors = zodFieldErrors(result.error, prefix);
    throw new HttpProblem(
      400,
      'validation_failed',
      'The request is not valid',
      errors.map((e) => `${e.path}: ${e.message}`).join('; '),
      errors,
    );
  }
  return result.data;
}

export async function jsonBody<T extends z.ZodType>(
  c: Context<AppEnv>,
  schema: T,
  limit: number,
): Promise<z.infer<T>> {
  requireJsonContentType(c);
  return parseJson(await readBody(c, limit), schema);
}

// Path and query parameters are read only through these, with the schema the route declares in its
// OpenAPI `request`: a malformed value is then a 400 naming `path.<name>` or `query.<name>`, and what
// the document promises is what the handler accepts.

/** The path parameters, checked against the route's declared `request.params`. */
export function pathParams<T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> {
  return validate(schema, c.req.param(), 'path');
}

/** The query string, checked against the route's declared `request.query`. */
export function query<T extends z.ZodType>(c: Context<AppEnv>, schema: T): z.infer<T> {
  return validate(schema, c.req.query(), 'query');
}
