// A hotline platform's key speaks for its own source only: a Changsha order (source cs-12345) pushed
// with the Beijing key is refused naming the field, in Chinese for a zh caller, and nothing is
// stored; pushed with Changsha's own key it is accepted as Changsha's and routed in Changsha.
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { OrderPage, OrderView } from '../../contracts/views.js';
import { createTestGateway, fixture, keys, sourceKey } from '../support/test-gateway.js';
import { postBytes } from '../support/intake.js';

const changsha = fixture('09'); // source cs-12345, 芙蓉区 韶光社区

async function storedOrders(gw: ReturnType<typeof createTestGateway>) {
  return OrderPage.parse(await (await gw.call('GET', '/v1/orders', keys.admin)).json()).items;
}

describe('a body naming another source', () => {
  it('is refused on POST /v1/orders with 403 naming `source`, and nothing is stored', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/orders', keys.source, changsha);
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const p = Problem.parse(await res.json());
    expect(p.code).toBe('source_mismatch');
    expect(p.errors?.[0]?.path).toBe('source');
    expect(p.errors?.[0]?.message).toMatch(/cs-12345.*bj-12345/);
    expect(await storedOrders(gw)).toEqual([]);
  });

  it('tells a zh caller why, in Chinese', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/orders', keys.source, changsha, {
      'accept-language': 'zh-CN',
    });
    expect(res.status).toBe(403);
    const p = Problem.parse(await res.json());
    expect(p.title).toBe('不能代其他热线平台提交工单');
    expect(p.errors?.[0]).toMatchObject({ path: 'source' });
    expect(p.errors?.[0]?.message).toContain('此密钥只能提交 bj-12345 的工单');
    expect(p.detail).toContain('source：');
  });

  it('is refused on the 12345 export intake too, naming the field as sent', async () => {
    const gw = createTestGateway();
    const form = new URLSearchParams({
      source: 'cs-12345',
      工单编号: 'CS-FORM-1',
      工单类型: '求助',
      问题分类: '住房-漏水',
      标题: '屋顶漏水',
      主要内容: '芙蓉区东湖街道韶光社区屋顶漏水',
      来电时间: '2024-01-10 09:00:00',
    }).toString();
    const res = await postBytes(
      gw,
      '/v1/intake/cn-12345',
      keys.source,
      new TextEncoder().encode(form),
      'application/x-www-form-urlencoded; charset=UTF-8',
    );
    expect(res.status).toBe(403);
    const p = Problem.parse(await res.json());
    expect(p.code).toBe('source_mismatch');
    expect(p.errors?.[0]?.path).toBe('source');
    expect(await storedOrders(gw)).toEqual([]);
  });

  it('is accepted with its own source key, stored as that source and routed there', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/orders', sourceKey(changsha), changsha);
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    expect(view.order.source).toBe('cs-12345');
    expect(view.station?.id).toBe('shaoguang-grid');
    // A body that names no source is the key's own, as before.
    const { source: _, ...unnamed } = fixture('01');
    const plain = await gw.call('POST', '/v1/orders', keys.source, unnamed);
    expect(plain.status).toBe(202);
  });
});
