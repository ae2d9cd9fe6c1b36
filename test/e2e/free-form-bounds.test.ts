// Free-form fields (a vendor's unmapped columns in `extra`) are bounded at the contract: too deep or
// too large is a 400 problem naming the field. And an order stored before the bounds existed (or by
// any other path) cannot break a read, a timeline, a list, an inbox, an export or Open311.
import { describe, expect, it } from 'vitest';
import type { NewEvent } from '../../contracts/events.js';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, fixture, keys, sourceKey } from '../support/test-gateway.js';

/** `{"a":{"a":…"bottom"…}}` as JSON text, built without recursion (JSON.stringify would overflow). */
const nestedJson = (depth: number) => `${'{"a":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;

function nested(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

async function expectFieldProblem(res: Response, field: string) {
  expect(res.status).toBe(400);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const p = Problem.parse(await res.json());
  expect(p.errors?.map((e) => e.path.split('.')[0])).toContain(field);
}

describe('free-form fields are bounded at the contract', () => {
  it.each([
    ['nested 4,000 levels', `{"deep":${nestedJson(4000)}}`],
    ['nested 5,000 levels', `{"deep":${nestedJson(5000)}}`],
    ['nested 9 levels', `{"deep":${nestedJson(9)}}`],
    ['one value of 40 KB', JSON.stringify({ big: '长'.repeat(14_000) })],
    [
      '2,000 keys',
      JSON.stringify(Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`k${i}`, i]))),
    ],
  ])('refuses extra %s with a 400 naming extra, and stores nothing', async (_name, extra) => {
    const gw = createTestGateway();
    const f = fixture('01');
    const body = `${JSON.stringify(f).slice(0, -1)},"extra":${extra}}`;
    await expectFieldProblem(await gw.call('POST', '/v1/orders', sourceKey(f), body), 'extra');
    expect((await gw.store.list({ limit: 10 })).items).toEqual([]);
  });

  it('keeps what a platform really sends: a few levels of vendor fields', async () => {
    const gw = createTestGateway();
    const f = fixture('01');
    const extra = {
      承办单位: { 一级: '朝阳区', 二级: { 名称: '垡头街道', 编码: [1, 2, 3] } },
      备注: null,
    };
    const res = await gw.call('POST', '/v1/orders', sourceKey(f), { ...f, extra });
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const view = (await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json()) as {
      order: { extra: unknown };
    };
    expect(view.order.extra).toEqual(extra);
  });

  it('refuses a deep unmapped column at the 12345 intake too', async () => {
    const gw = createTestGateway();
    const body = {
      工单编号: 'DEEP-1',
      诉求类型: '投诉',
      问题分类: '城乡建设',
      标题: '噪音',
      主要内容: '夜间施工噪音',
      来电时间: '2026-03-02 09:00:00',
      被反映区: '朝阳区',
      地址: '垡头街道翠城艺园社区321楼',
      附加: 'DEEP',
    };
    const text = JSON.stringify(body).replace('"DEEP"', nestedJson(4000));
    await expectFieldProblem(
      await gw.call('POST', '/v1/intake/cn-12345', keys.source, text),
      'extra',
    );
  });
});

describe('an order stored with a huge extra breaks nothing', () => {
  it('reads, lists, inboxes, exports and Open311 all answer 200', async () => {
    const gw = createTestGateway();
    // A well-formed order first, then one like it written straight to the store (as an older build
    // without bounds would have) with extra nested 4,000 levels deep.
    const { body } = await gw.submit(fixture('01'));
    const events = await gw.store.events(body.id);
    const id = `${body.id}x`;
    const first = events.map((e): NewEvent => {
      const data =
        e.data.type === 'order.received'
          ? {
              ...e.data,
              order: { ...e.data.order, id, externalId: 'OLD-1', extra: { deep: nested(4000) } },
            }
          : e.data;
      return { orderId: id, at: e.at, actor: e.actor, data };
    });
    const stored = await gw.store.submit({
      orderId: id,
      source: 'bj-12345',
      externalId: 'OLD-1',
      bodyHash: '',
      raw: { contentType: 'application/json', body: new Uint8Array(), receivedAt: events[0]!.at },
      events: first,
    });
    expect(stored.status).toBe('created');

    const station = keys.station('cuicheng-yiyuan-grid');
    for (const [url, key] of [
      [`/v1/orders/${id}`, keys.admin],
      [`/v1/orders/${id}`, keys.auditor],
      [`/v1/orders/${id}/timeline`, keys.auditor],
      [`/v1/orders/${id}`, station],
      ['/v1/orders', keys.admin],
      ['/v1/orders', keys.auditor],
      ['/v1/stations/cuicheng-yiyuan-grid/orders', station],
      ['/v1/metrics/export/orders.csv?period=2025-07', keys.auditor],
      [`/open311/v2/requests.json?service_request_id=${body.id},${id}`, keys.source],
      [`/open311/v2/requests.xml?service_request_id=${body.id},${id}`, keys.source],
      [`/open311/v2/requests/${id}.json`, keys.source],
    ] as const) {
      const res = await gw.call('GET', url, key);
      expect(res.status, `GET ${url}`).toBe(200);
      const text = await res.text();
      expect(text, `GET ${url} lists the sound order`).toContain(body.id);
    }
    // Readers get the order without the oversized field, told why; the original bytes stay archived.
    for (const key of [keys.admin, keys.auditor, station]) {
      const view = (await (await gw.call('GET', `/v1/orders/${id}`, key)).json()) as {
        order: { extra: Record<string, string> };
      };
      expect(view.order.extra['(omitted)']).toContain('nested deeper than 8 levels');
    }
    const timeline = await (await gw.call('GET', `/v1/orders/${id}/timeline`, keys.auditor)).text();
    expect(timeline).toContain('(omitted)');
    // The station can still work the order.
    const accept = await gw.call('POST', `/v1/orders/${id}/accept`, station, {});
    expect(accept.status).toBe(200);
  });
});
