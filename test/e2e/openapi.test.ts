// The OpenAPI document is generated from the contracts and lists the error responses of every route.
import { describe, expect, it } from 'vitest';
import { createTestGateway } from '../support/test-gateway.js';

type Doc = {
  openapi: string;
  paths: Record<string, Record<string, { responses: Record<string, unknown>; security?: unknown }>>;
  components: { schemas?: Record<string, unknown> };
};

describe('API description', () => {
  it('serves an OpenAPI 3.1 document with problem responses on every route', async () => {
    const gw = createTestGateway();
    const res = await gw.call('GET', '/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Doc;
    expect(doc.openapi).toBe('3.1.0');
    const post = doc.paths['/v1/orders']?.post;
    expect(Object.keys(post?.responses ?? {})).toEqual(
      expect.arrayContaining(['202', '400', '401', '403', '409', '413', '415']),
    );
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(op.responses, `${method} ${path}`).toHaveProperty('400');
        if (path.startsWith('/v1/')) expect(op.security, `${method} ${path}`).toBeDefined();
      }
    }
    // The request body schema comes from the Zod contract, field by field.
    expect(JSON.stringify(post)).toContain('externalId');
    expect(JSON.stringify(post)).toContain('工单编号');
  });

  it('renders a readable reference page', async () => {
    const gw = createTestGateway();
    const res = await gw.call('GET', '/docs');
    expect(res.headers.get('content-type')).toContain('text/html');
    const html = await res.text();
    expect(html).toContain('/v1/stations/{stationId}/orders');
    expect(html).toContain('退单');
    expect(html).not.toMatch(/<script[^>]+src=/);
  });
});
