// What a dispatcher reads in 待分拨 over the national base: each candidate's line as people write it
// (北京市 › 东城区, never the code table's 市辖区), and a place read from the text is offered even when
// no station covers it (和平里路口积水 from Beijing: 和平里街道), without changing the router's decision.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { loadRoutingIndex } from '../../src/config/places.js';
import { defaultBaseIndexPath } from '../../src/config/places-file.js';
import type { PlaceIndex } from '../../src/domain/routing/place-index.js';
import { DispatchQueue } from '../../src/http/routes/dispatch/schema.js';
import { OrderView } from '../../contracts/views.js';
import { createTestGateway, exampleConfigDir, keys, root } from '../support/test-gateway.js';

let places: PlaceIndex;
beforeAll(() => {
  places = loadRoutingIndex(loadConfigFiles(exampleConfigDir), join(root, defaultBaseIndexPath));
}, 300_000);

const order = (externalId: string, text: string, location: Record<string, string> = {}) => ({
  externalId,
  type: 'report',
  topic: ['城乡建设', '排水'],
  title: text,
  content: text,
  location,
  receivedAt: '2026-03-02T09:10:00+08:00',
});

async function triageOf(gw: ReturnType<typeof createTestGateway>, id: string) {
  const s = await gw.login('dispatcher');
  const res = await gw.call('GET', '/v1/dispatch/triage', undefined, undefined, s.headers);
  expect(res.status).toBe(200);
  const item = DispatchQueue.parse(await res.json()).items.find((i) => i.order.id === id);
  if (!item) throw new Error(`order ${id} is not in 待分拨`);
  return item;
}

describe('待分拨 candidates over the national base', () => {
  it('offers 和平里街道 for a Beijing 和平里路口积水, in triage as before', async () => {
    const gw = createTestGateway({ places });
    const res = await gw.call('POST', '/v1/orders', keys.source, order('HPL-1', '和平里路口积水'));
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as { id: string };
    const view = OrderView.parse(
      await (await gw.call('GET', `/v1/orders/${id}`, keys.admin)).json(),
    );
    // The router's decision is unchanged: triage, no station covers 和平里街道.
    expect(view.state).toBe('triage');
    expect(view.route).toMatchObject({
      outcome: 'triage',
      matchedCode: '110101010',
      candidates: [],
    });
    const item = await triageOf(gw, id);
    expect(item.candidates).toEqual([
      expect.objectContaining({
        code: '110101010',
        name: '和平里街道',
        line: ['北京市', '东城区', '和平里街道'],
        inHomeRegion: true,
        eligible: false,
      }),
    ]);
  });

  it('never shows 市辖区 or 县 placeholders in a candidate line', async () => {
    const gw = createTestGateway({ places });
    // A Changsha platform's bare 朝阳区: Beijing's and Changchun's, neither in its region.
    const res = await gw.call(
      'POST',
      '/v1/orders',
      'demo-source-cs-12345',
      order('CY-1', '朝阳区路灯不亮', { district: '朝阳区' }),
    );
    const { id } = (await res.json()) as { id: string };
    const item = await triageOf(gw, id);
    expect(item.candidates.map((c) => c.line.join(' › '))).toEqual([
      '北京市 › 朝阳区',
      '吉林省 › 长春市 › 朝阳区',
    ]);
    for (const c of item.candidates)
      expect(c.line.some((n) => /市辖区$|^县$|直辖县级行政区划$/.test(n))).toBe(false);
  });
});
