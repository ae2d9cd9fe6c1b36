// Issue 18.1: real exports often say where only in the title or 主要内容. Such an order is accepted
// (never a 400 for lacking place fields) and routed from its text, through the real intake and the
// national base index; an order whose text names no place is accepted too and waits in triage.
// Issue 18.6: the candidates of a triage make sense for the platform's home region.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OrderSubmission } from '../../contracts/order.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { loadRoutingIndex } from '../../src/config/places.js';
import { defaultBaseIndexPath } from '../../src/config/places-file.js';
import type { PlaceIndex } from '../../src/domain/routing/place-index.js';
import { routeOrder } from '../../src/domain/routing/router.js';
import { createTestGateway, exampleConfigDir, root } from '../support/test-gateway.js';

const export12345 = (fields: Record<string, string>) => ({
  工单编号: `CS${Math.floor(Math.random() * 1e9)}`,
  工单类型: '求助',
  问题分类: '城乡建设/排水',
  来电时间: '2026-03-02 09:10',
  来电人: '张女士',
  来电号码: '13700001111',
  ...fields,
});

describe('the place only in the text', () => {
  let index: PlaceIndex;
  // On a fresh machine the first load builds the index and fetches the older editions.
  beforeAll(() => {
    index = loadRoutingIndex(loadConfigFiles(exampleConfigDir), join(root, defaultBaseIndexPath));
  }, 300_000);

  it('accepts an order with no place fields at all', () => {
    const parsed = OrderSubmission.safeParse({
      externalId: 'X1',
      type: 'help',
      topic: ['排水'],
      title: '下水道堵塞',
      content: '长沙市芙蓉区东湖街道韶光社区新3栋101厨房下水道堵塞',
      receivedAt: '2026-03-02T09:10:00+08:00',
    });
    expect(parsed.success).toBe(true);
  });

  it('routes from the content, and says the place was read from the text', () => {
    const d = routeOrder(index, {
      topic: ['排水'],
      title: '下水道堵塞',
      content: '长沙市芙蓉区东湖街道韶光社区新3栋101厨房下水道堵塞，请尽快处理。',
      location: {},
      source: 'cs-12345',
    });
    expect(d).toMatchObject({ outcome: 'routed', rule: 'address', stationId: 'shaoguang-grid' });
    expect(d.reason).toContain('read from the title and content');
  });

  it('reads an address-like vendor field kept in extra', () => {
    const d = routeOrder(index, {
      topic: ['排水'],
      title: '下水道堵塞',
      content: '厨房下水道堵塞，请尽快处理。',
      location: {},
      extra: { 事发位置: '长沙市芙蓉区东湖街道韶光社区新3栋' },
    });
    expect(d).toMatchObject({ outcome: 'routed', stationId: 'shaoguang-grid' });
  });

  it('takes a 12345 export with the place only in 主要内容 through the intake and dispatches it', async () => {
    const gw = createTestGateway();
    const res = await gw.call(
      'POST',
      '/v1/intake/cn-12345',
      'demo-source-cs-12345',
      export12345({
        标题: '下水道堵塞',
        主要内容: '长沙市芙蓉区东湖街道韶光社区新3栋101厨房下水道堵塞，污水倒灌。',
      }),
    );
    expect(res.status).toBe(202);
    const body = (await res.json()) as { state: string; id: string };
    expect(body.state).toBe('dispatched');
    const order = await gw.call('GET', `/v1/orders/${body.id}`, 'demo-source-cs-12345');
    expect(await order.json()).toMatchObject({ station: { id: 'shaoguang-grid' } });
  });

  it('accepts an export whose text names no place, and puts it in triage instead of refusing it', async () => {
    const gw = createTestGateway();
    const res = await gw.call(
      'POST',
      '/v1/intake/cn-12345',
      'demo-source-cs-12345',
      export12345({ 标题: '咨询办事流程', 主要内容: '来电人咨询办理居住证需要哪些材料。' }),
    );
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ state: 'triage' });
  });
});

describe('candidates that make sense (issue 18.6)', () => {
  let index: PlaceIndex;
  // On a fresh machine the first load builds the index and fetches the older editions.
  beforeAll(() => {
    index = loadRoutingIndex(loadConfigFiles(exampleConfigDir), join(root, defaultBaseIndexPath));
  }, 300_000);

  it('lists no other province for a Beijing platform’s bare 人民路12号, and says why', () => {
    const d = routeOrder(index, {
      topic: ['x'],
      location: { address: '人民路12号' },
      source: 'bj-12345',
    });
    expect(d.outcome).toBe('triage');
    expect(d.candidates).toEqual([]);
    expect(d.reason).toContain('nothing of that name in the home region 110000');
  });

  it('lists both places for a name that fits two, with no home region to choose by', () => {
    const d = routeOrder(index, { topic: ['x'], location: { address: '朝阳区建国路88号' } });
    expect(d.outcome).toBe('triage');
    expect(d.candidates.map((c) => c.code).sort()).toEqual(['110105', '220104']);
  });

  it('keeps candidates inside the home region when some fit there', () => {
    const d = routeOrder(
      index,
      { topic: ['x'], location: { address: '城关镇' } },
      { homeRegion: '620000' },
    );
    expect(d.outcome).toBe('triage');
    expect(d.candidates.length).toBeGreaterThan(0);
    expect(d.candidates.every((c) => c.code.startsWith('62'))).toBe(true);
  });
});
