// How every Open311 route answers, as GeoReport v2 has it: XML as text/xml, JSON as application/json,
// both in UTF-8 and saying so; and errors as the spec's error list instead of RFC 9457 problems (an
// Open311 client parses <errors><error><code/><description/></error></errors> or its JSON array).
import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import {
  open311ErrorBody,
  type Open311Error,
} from '../../../../adapters/inbound/open311/errors.js';
import type { XmlValue } from '../../../../adapters/inbound/open311/xml-out.js';
import type { AppEnv } from '../../deps.js';

export type Format = 'json' | 'xml';
export const mediaType = { json: 'application/json', xml: 'text/xml' } as const;
export const contentType = (format: Format) => `${mediaType[format]}; charset=utf-8`;

/** The format a path asks for by its suffix; JSON for anything else (discovery's root, typos). */
export const formatOf = (path: string): Format => (/\.xml$/i.test(path) ? 'xml' : 'json');

export function send(
  c: Context<AppEnv>,
  format: Format,
  json: unknown,
  xml: () => string,
  status: ContentfulStatusCode = 200,
): Response {
  return c.body(format === 'json' ? JSON.stringify(json) : xml(), status, {
    'content-type': contentType(format),
  });
}

export type Row = Record<string, XmlValue>;

interface ProblemBody {
  status?: number;
  code?: string;
  detail?: string;
  title?: string;
  errors?: { path: string; message: string }[];
}

/**
 * A problem response turned into GeoReport errors: one error per field named, else one. A missing or
 * unknown key is a 403 there (the spec has no 401). The problem code leads each description.
 */
export async function asOpen311Errors(res: Response, path: string): Promise<Response> {
  if (!(res.headers.get('content-type') ?? '').startsWith('application/problem+json')) return res;
  const problem = (await res.json()) as ProblemBody;
  const status = res.status === 401 ? 403 : res.status;
  const code = problem.code ?? 'error';
  const what =
    res.status === 401
      ? 'api_key missing or unknown: send api_key (query or form field), or Authorization: Bearer'
      : (problem.detail ?? problem.title ?? '');
  const errors: Open311Error[] =
    problem.errors && problem.errors.length > 0
      ? problem.errors.map((e) => ({
          code: status,
          description: `${code}: ${e.path}: ${e.message}`,
        }))
      : [{ code: status, description: `${code}: ${what}` }];
  const format = formatOf(path);
  const headers = new Headers(res.headers);
  headers.set('content-type', contentType(format));
  headers.delete('content-length');
  headers.delete('www-authenticate');
  return new Response(open311ErrorBody(format, errors), { status, headers });
}
