// Bad input gets a problem response naming the field and the reason; never a 500, never a partial order.
import { describe, expect, it } from 'vitest';
import { OrderPage } from '../../contracts/views.js';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

async function expectProblem(res: Response, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = Problem.parse(await res.json());
  expect(p.code).toBe(code);
  expect(p.status).toBe(status);
  expect(p.requestId).toBeTruthy();
  return p;
}

async function orderCount(gw: ReturnType<typeof createTestGateway>) {
  return OrderPage.parse(await (await gw.call('GET', '/v1/orders', keys.admin)).json()).items
    .length;
}

describe('bad input at intake', () => {
  it('names every invalid field with its path', async () => {
    const gw = createTestGateway();
    const p = await expectProblem(
      await gw.call('POST', '/v1/orders', keys.source, {
        ...fixture('01'),
        type: 'complain',
        receivedAt: '2025-07-27 04:30',
        location: { divisionCode: '11010' },
      }),
      400,
      'validation_failed',
    );
    expect(p.errors?.map((e) => e.path).sort()).toEqual([
      'location.divisionCode',
      'receivedAt',
      'type',
    ]);
    expect(await orderCount(gw)).toBe(0);
  });

  it.each([
    ['malformed JSON', '{"externalId": "x",', 'malformed_json'],
    ['an empty body', '', 'empty_body'],
    ['a JSON array', '[]', 'validation_failed'],
    ['a JSON string', '"hello"', 'validation_failed'],
    [
      'wrong types',
      JSON.stringify({
        ...fixture('01'),
        topic: '供电',
        attachments: 'none',
        caller: { phone: 13800138000 },
      }),
      'validation_failed',
    ],
  ])('answers %s with a 400', async (_label, body, code) => {
    const gw = createTestGateway();
    await expectProblem(await gw.call('POST', '/v1/orders', keys.source, body), 400, code);
    expect(await orderCount(gw)).toBe(0);
  });

  it('refuses a body over the limit with 413, declared or not', async () => {
    const gw = createTestGateway();
    const big = JSON.stringify({ ...fixture('01'), content: '很'.repeat(70_000) });
    await expectProblem(
      await gw.call('POST', '/v1/orders', keys.source, big),
      413,
      'body_too_large',
    );
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 100; i++) controller.enqueue(new Uint8Array(1024).fill(0x20));
        controller.close();
      },
    });
    const res = await gw.app.request('/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: stream,
      duplex: 'half',
    } as RequestInit);
    await expectProblem(res, 413, 'body_too_large');
    expect(await orderCount(gw)).toBe(0);
  });

  it.each([
    ['text/plain', 'unsupported_media_type'],
    ['application/x-www-form-urlencoded', 'unsupported_media_type'],
    ['application/json; charset=gbk', 'unsupported_charset'],
    ['application/json; charset="gb18030"', 'unsupported_charset'],
    ['application/json; charset=koi8-r', 'unsupported_charset'],
  ])('refuses content type %s with 415', async (type, code) => {
    const gw = createTestGateway();
    await expectProblem(
      await gw.call('POST', '/v1/orders', keys.source, JSON.stringify(fixture('01')), {
        'content-type': type,
      }),
      415,
      code,
    );
  });

  it.each([
    'application/json; charset=UTF-8',
    'application/json; charset="utf-8"',
    'application/json;charset = utf8',
  ])('takes JSON declared as %s (quotes and spacing as HTTP allows them)', async (type) => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/orders', keys.source, JSON.stringify(fixture('01')), {
      'content-type': type,
    });
    expect(res.status).toBe(202);
  });

  it('refuses bytes that are not UTF-8', async () => {
    const gw = createTestGateway();
    const res = await gw.app.request('/v1/orders', {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: new Uint8Array([0x7b, 0xc4, 0xe3, 0x7d]),
    });
    await expectProblem(res, 400, 'invalid_encoding');
  });

  it('answers an unknown route and a bad query with problems', async () => {
    const gw = createTestGateway();
    await expectProblem(await gw.call('GET', '/v1/nope', keys.admin), 404, 'route_not_found');
    const p = await expectProblem(
      await gw.call('GET', '/v1/orders?limit=0&state=done', keys.admin),
      400,
      'validation_failed',
    );
    expect(p.errors?.map((e) => e.path).sort()).toEqual(['query.limit', 'query.state']);
    await expectProblem(
      await gw.call('GET', '/v1/orders?cursor=!!', keys.admin),
      400,
      'validation_failed',
    );
  });

  it('answers bad action bodies with 400 and leaves the order untouched', async () => {
    const gw = createTestGateway();
    const { body } = await gw.submit(fixture('01'));
    const key = keys.station('cuicheng-yiyuan-grid');
    await expectProblem(
      await gw.call('POST', `/v1/orders/${body.id}/accept`, key, '{'),
      400,
      'malformed_json',
    );
    await expectProblem(
      await gw.call('POST', `/v1/orders/${body.id}/accept`, key, { expectedVersion: 'two' }),
      400,
      'validation_failed',
    );
    const timeline = (await (
      await gw.call('GET', `/v1/orders/${body.id}/timeline`, key)
    ).json()) as { events: unknown[] };
    expect(timeline.events).toHaveLength(2);
  });
});
