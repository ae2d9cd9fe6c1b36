// Intake: idempotency by (source, external id) and by Idempotency-Key, normalisation on the way in,
// and the original bytes archived exactly as sent.
import { describe, expect, it } from 'vitest';
import { OrderPage, OrderView } from '../../contracts/views.js';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

describe('idempotent intake', () => {
  it('returns the same order when the same external id is pushed again', async () => {
    const gw = createTestGateway();
    const first = await gw.submit(fixture('01'));
    const again = await gw.submit({ ...fixture('01'), title: '重复推送' });
    expect(again.res.status).toBe(202);
    expect(again.body).toMatchObject({ id: first.body.id, status: 'existing' });
    const all = OrderPage.parse(await (await gw.call('GET', '/v1/orders', keys.admin)).json());
    expect(all.items).toHaveLength(1);
  });

  it('keeps external ids apart per hotline source', async () => {
    const gw = createTestGateway();
    const a = await gw.submit(fixture('01'));
    const b = await gw.submit({ ...fixture('01'), source: 'sh-12345' });
    expect(b.body.status).toBe('created');
    expect(b.body.id).not.toBe(a.body.id);
  });

  it('answers a repeated Idempotency-Key with the same order, and a reused key with another body with 409', async () => {
    const gw = createTestGateway();
    const headers = { 'idempotency-key': 'push-7f3a' };
    const first = await gw.submit(fixture('01'), headers);
    const repeat = await gw.submit(fixture('01'), headers);
    expect(repeat.body).toMatchObject({ id: first.body.id, status: 'existing' });
    const other = await gw.call('POST', '/v1/orders', keys.source, fixture('02'), headers);
    expect(other.status).toBe(409);
    expect(Problem.parse(await other.json()).code).toBe('idempotency_conflict');
    const all = OrderPage.parse(await (await gw.call('GET', '/v1/orders', keys.admin)).json());
    expect(all.items).toHaveLength(1);
  });

  it('creates each order once under concurrent duplicate pushes', async () => {
    const gw = createTestGateway();
    const results = await Promise.all(Array.from({ length: 20 }, () => gw.submit(fixture('03'))));
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    expect(results.filter((r) => r.body.status === 'created')).toHaveLength(1);
  });
});

describe('normalisation on the way in', () => {
  it('folds full-width digits, collapses whitespace and puts phones in one form', async () => {
    const gw = createTestGateway();
    const f = fixture('02');
    const { body } = await gw.submit({
      ...f,
      title: '　噪音　扰民  ３２１楼 ',
      caller: { name: ' 李 女士 ', phone: '１３９ １１１１ ２２２２' },
    });
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${body.id}`, keys.source)).json(),
    );
    expect(view.order.title).toBe('噪音 扰民 321楼');
    expect(view.order.caller).toEqual({ name: '李 女士', phone: '+8613911112222' });
    expect(view.station?.id).toBe('cuicheng-yiyuan-grid');
  });

  it('archives the request body byte for byte', async () => {
    const gw = createTestGateway();
    const raw = `{ "externalId":"RAW-1", "type":"help", "topic":["房屋","漏水"], "title":"漏水\\u0020", "content":"屋顶漏水", "location":{"address":"芙蓉区东湖街道韶光社区"}, "receivedAt":"2024-01-10T09:00:00+08:00" }\n`;
    const res = await gw.call('POST', '/v1/orders', keys.source, raw);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const archived = await gw.call('GET', `/v1/orders/${id}/raw`, keys.admin);
    expect(archived.status).toBe(200);
    expect(new Uint8Array(await archived.arrayBuffer())).toEqual(new TextEncoder().encode(raw));
  });
});
