// The OpenAPI document is generated from the contracts, passes Redocly's recommended lint with no
// error and no warning, documents the error schema of every error response, and lists every problem
// code the sources raise; /docs renders it with Redoc from node_modules.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { problemCodes } from '../../contracts/problem.js';
import { createTestGateway, root } from '../support/test-gateway.js';

type Response = { content?: Record<string, { schema?: unknown }>; headers?: object };
type Op = {
  operationId?: string;
  responses: Record<string, Response>;
  security?: unknown[];
  parameters?: { name: string; in: string }[];
};
type WithExamples = { examples?: Record<string, { value: unknown }> };
type ExampleOp = {
  requestBody?: { content: Record<string, WithExamples> };
  responses: Record<string, { content?: Record<string, WithExamples> }>;
};
const schemasOf = (r: Response) =>
  Object.fromEntries(Object.entries(r.content ?? {}).map(([m, c]) => [m, c.schema]));
type Doc = {
  openapi: string;
  info: { license?: unknown };
  servers?: unknown[];
  paths: Record<string, Record<string, Op>>;
  components: { schemas?: Record<string, unknown> };
};

const document = async (): Promise<Doc> => {
  const res = await createTestGateway().call('GET', '/openapi.json');
  expect(res.status).toBe(200);
  return (await res.json()) as Doc;
};
const operations = (doc: Doc) =>
  Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({ name: `${method} ${path}`, path, op })),
  );

describe('API description', () => {
  it('serves an OpenAPI 3.1 document with problem responses on every route', async () => {
    const doc = await document();
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/v1/orders']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '409', '413', '415', '429']),
    );
    const ids = new Set<string>();
    for (const { name, op } of operations(doc)) {
      expect(op.responses, name).toHaveProperty('400');
      expect(op.operationId, name).toMatch(/^[a-z][A-Za-z0-9]+$/);
      ids.add(op.operationId ?? '');
      // Public routes say so (security: []); every other names the API key.
      expect(op.security, name).toBeDefined();
    }
    expect(ids.size).toBe(operations(doc).length);
    expect(doc.info.license).toBeDefined();
    expect(doc.servers?.length).toBeGreaterThan(0);
    // Every order fixture is an example of the body, as the fixture has it (less its test-only source).
    const examples = (
      post as unknown as {
        requestBody: { content: Record<string, { examples: Record<string, { value: unknown }> }> };
      }
    ).requestBody.content['application/json']?.examples;
    const fixtureDir = join(root, 'test/fixtures/orders');
    const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.json'));
    expect(Object.keys(examples ?? {})).toHaveLength(files.length);
    const first = JSON.parse(readFileSync(join(fixtureDir, files.sort()[0] ?? ''), 'utf8')) as {
      source?: string;
    };
    delete first.source;
    expect(Object.values(examples ?? {})[0]?.value).toEqual(first);
    // The request body schema comes from the Zod contract, field by field.
    expect(JSON.stringify(post)).toContain('externalId');
    expect(JSON.stringify(post)).toContain('工单编号');
  });

  it('documents the error schema of every error response', async () => {
    const doc = await document();
    const problem = { $ref: '#/components/schemas/Problem' };
    let checked = 0;
    for (const { name, path, op } of operations(doc)) {
      for (const [status, r] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        checked++;
        if (path.startsWith('/open311/')) {
          // GeoReport v2 errors: the JSON array, or the XML document.
          const expected = path.endsWith('.json')
            ? { 'application/json': { $ref: '#/components/schemas/Open311Errors' } }
            : { 'text/xml': expect.objectContaining({ type: 'string' }) as unknown };
          expect(schemasOf(r), `${name} ${status}`).toEqual(expected);
        } else {
          expect(schemasOf(r), `${name} ${status}`).toEqual({
            'application/problem+json': problem,
          });
        }
        // And an example of that shape, for the reference page.
        for (const m of Object.values(r.content ?? {}))
          expect(m, `${name} ${status}`).toHaveProperty('examples');
      }
    }
    expect(checked).toBeGreaterThan(200);
    const schemas = doc.components.schemas ?? {};
    expect(schemas.Problem).toMatchObject({
      required: expect.arrayContaining(['type', 'title', 'status', 'code']) as unknown,
      properties: { code: { type: 'string', enum: [...problemCodes] } },
    });
    expect(schemas.Open311Error).toMatchObject({
      properties: { code: { type: 'integer' }, description: { type: 'string' } },
    });
  });

  it('shows an example of every request body and every JSON success answer', async () => {
    const doc = (await document()) as unknown as {
      paths: Record<string, Record<string, ExampleOp>>;
    };
    const missing: string[] = [];
    let bodies = 0;
    let answers = 0;
    for (const [path, ops] of Object.entries(doc.paths))
      for (const [method, op] of Object.entries(ops)) {
        const name = `${method.toUpperCase()} ${path}`;
        for (const [media, m] of Object.entries(op.requestBody?.content ?? {})) {
          bodies++;
          if (Object.keys(m.examples ?? {}).length === 0) missing.push(`${name} body ${media}`);
        }
        for (const [status, r] of Object.entries(op.responses))
          for (const [media, m] of Object.entries(r.content ?? {}))
            if (Number(status) < 300 && /json/.test(media)) {
              answers++;
              if (Object.keys(m.examples ?? {}).length === 0) missing.push(`${name} ${status}`);
            }
      }
    expect(missing, 'add a step to a walk-through in test/fixtures/api/').toEqual([]);
    expect(bodies).toBeGreaterThan(25);
    expect(answers).toBeGreaterThan(50);
    // An action's request and its answer, as a station sends and receives them.
    const accept = doc.paths['/v1/orders/{id}/accept']?.post;
    const body = Object.values(accept?.requestBody?.content['application/json']?.examples ?? {});
    expect(body[0]?.value).toMatchObject({ note: expect.any(String) as unknown });
    const answer = Object.values(
      accept?.responses['200']?.content?.['application/json']?.examples ?? {},
    );
    expect(answer[0]?.value).toMatchObject({ state: 'accepted' });
    // Recorded answers carry the caller masked.
    expect(JSON.stringify(answer)).toMatch(/"phone":"\d{3}\*{4}\d{4}"/);
  });

  it('documents the intake headers and answers: Idempotency-Key, webhook-*, 409, 429', async () => {
    const doc = await document();
    for (const [path, method] of [
      ['/v1/orders', 'post'],
      ['/v1/intake/cn-12345', 'post'],
      ['/open311/v2/requests.json', 'post'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      const headers = (op?.parameters ?? []).filter((p) => p.in === 'header').map((p) => p.name);
      expect(headers, path).toEqual(
        expect.arrayContaining([
          'idempotency-key',
          'webhook-id',
          'webhook-timestamp',
          'webhook-signature',
        ]),
      );
      expect(op?.responses['409'], path).toBeDefined();
      expect(JSON.stringify(op), `${path} request examples`).toContain('"examples"');
      expect(Object.keys(op?.responses['429']?.headers ?? {}), path).toContain('Retry-After');
    }
  });

  it('lists every problem code the sources raise', () => {
    const files = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : [];
      });
    const raised = new Set<string>();
    for (const file of [...files(join(root, 'src')), ...files(join(root, 'adapters'))]) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new (?:HttpProblem|DomainError)\(\s*(?:\d+,\s*)?'([a-z_]+)'/g))
        raised.add(m[1] ?? '');
    }
    const missing = [...raised].filter((c) => !(problemCodes as readonly string[]).includes(c));
    expect(missing, 'add these to problemCodes in contracts/problem.ts').toEqual([]);
    expect(raised.size).toBeGreaterThan(15);
  });

  it('passes Redocly lint (recommended rules) with no error and no warning', async () => {
    const doc = await document();
    const dir = mkdtempSync(join(tmpdir(), 'hg-openapi-'));
    try {
      const file = join(dir, 'openapi.json');
      writeFileSync(file, JSON.stringify(doc));
      const run = await promisify(execFile)(
        join(root, 'node_modules/.bin/redocly'),
        ['lint', file, '--extends=recommended', '--format=json'],
        { cwd: dir, maxBuffer: 32 * 1024 * 1024 },
      ).catch((err: { stdout?: string; stderr?: string }) => ({
        stdout: err.stdout ?? '',
        stderr: err.stderr ?? '',
      }));
      const report = JSON.parse(run.stdout.slice(run.stdout.indexOf('{'))) as {
        totals: { errors: number; warnings: number };
        problems: { ruleId: string; message: string }[];
      };
      expect(
        report.problems.map((p) => `${p.ruleId}: ${p.message}`),
        run.stderr,
      ).toEqual([]);
      expect(report.totals).toMatchObject({ errors: 0, warnings: 0 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('serves Redoc from this origin under a strict CSP', async () => {
    const gw = createTestGateway();
    const res = await gw.call('GET', '/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("default-src 'none'");
    const html = await res.text();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts).toEqual(['/docs/redoc.standalone.js', '/docs/init.js']);
    expect(html).not.toMatch(/<script>(?!<)/);
    for (const src of scripts) {
      const js = await gw.call('GET', src);
      expect(js.status, src).toBe(200);
      expect(js.headers.get('content-type'), src).toContain('text/javascript');
    }
  });
});
