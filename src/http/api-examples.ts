// Examples in the OpenAPI document, so the reference at /docs shows a vendor a real request and a real
// answer for every operation. Request bodies are the test fixtures (test/fixtures/: the stories'
// orders, each hotline format, the Open311 forms, and the API walk-throughs of test/fixtures/api/),
// and success answers are what the gateway answered to the walk-throughs (recorded, personal data
// masked, kept current by test/e2e/api-examples.test.ts), read when the document is first built; an
// image without the fixtures (deploy/Dockerfile copies no tests) serves the document without them.
// Every error response gets an example of its own shape (an RFC 9457 problem, or Open311's errors).
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { operationKey, readRecorded, readWalkthroughs } from './api-example-files.js';
import { problemType } from './problem.js';

type Example = { summary?: string; value: unknown };
type Media = { schema?: unknown; examples?: Record<string, Example> };
type Op = {
  requestBody?: { content?: Record<string, Media> };
  responses?: Record<string, { content?: Record<string, Media> }>;
};
type Doc = { paths?: Record<string, Record<string, Op>> };

const fixtures = new URL('../../test/fixtures/', import.meta.url).pathname;

function read(
  dir: string,
  pick: (f: string) => boolean,
  as: (bytes: Buffer, f: string) => unknown,
) {
  const path = join(fixtures, dir);
  if (!existsSync(path)) return {};
  return Object.fromEntries(
    readdirSync(path)
      .filter(pick)
      .sort()
      .map((f) => [
        f.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9-]/g, '-'),
        {
          summary: f,
          value: as(readFileSync(join(path, f)), f),
        },
      ]),
  );
}

const withoutSource = (bytes: Buffer) => {
  const { source: _source, ...order } = JSON.parse(bytes.toString('utf8')) as Record<
    string,
    unknown
  >;
  return order;
};
const decode = (bytes: Buffer, f: string) =>
  new TextDecoder(/gb18030|gbk/i.test(f) ? 'gb18030' : 'utf-8').decode(bytes);
/** A form body as its fields (OpenAPI describes form bodies as objects). */
const formFields = (bytes: Buffer) =>
  Object.fromEntries(new URLSearchParams(bytes.toString('latin1')).entries());

type ByOperation = Record<string, Record<string, Record<string, Example>>>;
const add = (to: ByOperation, op: string, media: string, name: string, example: Example) => {
  ((to[op] ??= {})[media] ??= {})[name] = example;
};

/** The walk-throughs' bodies (request examples) and recorded answers (per status, JSON only). */
function walkthroughExamples(): { requests: ByOperation; answers: ByOperation } {
  const requests: ByOperation = {};
  const answers: ByOperation = {};
  for (const { name, walk } of readWalkthroughs(fixtures)) {
    const recorded = readRecorded(fixtures, name) ?? [];
    walk.steps.forEach((step, i) => {
      const id = `${name}-${i + 1}`;
      const op = operationKey(step.request);
      if (step.body !== undefined)
        add(requests, op, 'application/json', id, {
          summary: step.summary,
          value: recorded[i]?.sent ?? step.body,
        });
      if (step.form !== undefined)
        add(requests, op, 'application/x-www-form-urlencoded', id, {
          summary: step.summary,
          value: step.form,
        });
    });
    recorded.forEach((answer, i) => {
      if (answer.body === undefined || !/json/.test(answer.contentType)) return;
      add(answers, `${operationKey(answer.request)} ${answer.status}`, 'json', `${name}-${i + 1}`, {
        summary: answer.summary,
        value: answer.body,
      });
    });
  }
  return { requests, answers };
}

/** Request examples per "METHOD path" and media type. */
function requestExamples(): ByOperation {
  const open311 = read('inbound/open311', (f) => f.endsWith('.form'), formFields);
  return {
    'post /v1/orders': {
      'application/json': read('orders', (f) => f.endsWith('.json'), withoutSource),
    },
    'post /v1/intake/cn-12345': {
      'application/json': read(
        'inbound/cn-12345',
        (f) => f.endsWith('.json') && !f.includes('gbk') && !f.includes('mojibake'),
        (b) => JSON.parse(b.toString('utf8')) as unknown,
      ),
      'application/x-www-form-urlencoded': read(
        'inbound/cn-12345',
        (f) => f.endsWith('.form') && !/gbk|gb18030/.test(f),
        formFields,
      ),
      'application/xml': read('inbound/cn-12345', (f) => f.endsWith('.xml'), decode),
    },
    'post /open311/v2/requests.json': { 'application/x-www-form-urlencoded': open311 },
    'post /open311/v2/requests.xml': { 'application/x-www-form-urlencoded': open311 },
  };
}

const problemFor: Record<string, [string, string, string]> = {
  '400': [
    'validation_failed',
    'The request is not valid',
    'receivedAt: Invalid ISO datetime: a time without a zone offset is ambiguous',
  ],
  '401': [
    'unauthenticated',
    'Missing or unknown API key',
    'Send the key as "Authorization: Bearer <key>" or "X-API-Key: <key>"',
  ],
  '403': [
    'forbidden',
    'Not allowed for this role',
    'Role "station" may not call this route; allowed: source',
  ],
  '404': ['not_found', 'Not found', 'No order ord_01JQ7Z3K9X2M4N6P8R0S2T4V6W'],
  '409': [
    'state_conflict',
    'Not allowed in the current state',
    'accept is not allowed in state resolved',
  ],
  '413': ['body_too_large', 'Body too large', 'The body exceeds 1048576 bytes'],
  '415': ['unsupported_media_type', 'Unsupported media type', 'Send application/json'],
  '422': ['unknown_station', 'Unknown station', 'No station nowhere-grid'],
  '429': [
    'rate_limited',
    'Too many requests',
    'This source may push 600 orders a minute; retry after 2 s',
  ],
  '500': [
    'internal',
    'Internal error',
    'An unexpected error occurred; it has been logged with this request id',
  ],
  '503': [
    'unavailable',
    'Temporarily unavailable',
    'The event log cannot take the write now; retry later',
  ],
};

function errorExample(status: string, media: string, path: string): unknown {
  const [code, title, detail] = problemFor[status] ?? problemFor['500'] ?? ['internal', '', ''];
  if (media === 'application/problem+json')
    return {
      type: problemType(code),
      title,
      status: Number(status),
      code,
      detail,
      instance: path,
      requestId: '6f1c2d0e-4b7a-4c55-9a0e-3f2b1c9d8e7a',
      ...(code === 'validation_failed'
        ? { errors: [{ path: 'location', message: detail.split(': ')[1] ?? detail }] }
        : {}),
    };
  const open311Status = status === '401' ? 403 : Number(status);
  const list = [{ code: open311Status, description: `${code}: ${detail}` }];
  if (media === 'application/json') return list;
  return `<?xml version="1.0" encoding="utf-8"?>\n<errors><error><code>${open311Status}</code><description>${code}: ${detail.replace(/[<>&"]/g, '')}</description></error></errors>\n`;
}

export function withExamples<T>(doc: T): T {
  const requests = requestExamples();
  const walked = walkthroughExamples();
  for (const [path, ops] of Object.entries((doc as Doc).paths ?? {})) {
    for (const [method, op] of Object.entries(ops)) {
      const key = `${method} ${path}`;
      for (const [media, target] of Object.entries(op.requestBody?.content ?? {})) {
        const examples = { ...requests[key]?.[media], ...walked.requests[key]?.[media] };
        if (Object.keys(examples).length > 0) target.examples = examples;
      }
      for (const [status, response] of Object.entries(op.responses ?? {})) {
        if (Number(status) < 300) {
          const examples = walked.answers[`${key} ${status}`]?.json;
          for (const [media, content] of Object.entries(response.content ?? {}))
            if (examples && /json/.test(media)) content.examples = examples;
        }
        if (Number(status) < 400) continue;
        for (const [media, content] of Object.entries(response.content ?? {}))
          content.examples = {
            [status]: {
              summary: problemFor[status]?.[1] ?? 'Error',
              value: errorExample(status, media, path),
            },
          };
      }
    }
  }
  return doc;
}
