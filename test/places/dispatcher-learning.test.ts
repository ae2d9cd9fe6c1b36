// Issue 18.7, learning from dispatchers, through the real app: a dispatcher's hand dispatch of a
// triaged order becomes a suggested alias; an operator accepts it with one call and the next order
// with those words is routed by itself; a route later returned as 属地不符 counts against 派单准确率
// per rule, place and station in the auditors' figures.
import { describe, expect, it } from 'vitest';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';

const admin = keys.admin;
const source = keys.source;

const order = (externalId: string, address: string) => ({
  ...fixture('02'),
  externalId,
  location: { address },
});

describe('learning from dispatchers', () => {
  it('suggests what a hand dispatch taught, and an accepted alias routes the next order', async () => {
    const gw = createTestGateway();
    const first = await gw.call('POST', '/v1/orders', source, order('L-1', '翠城新苑3号楼2单元'));
    const { id, state } = (await first.json()) as { id: string; state: string };
    expect(state).toBe('triage');

    const dispatched = await gw.call('POST', `/v1/orders/${id}/dispatch`, admin, {
      stationId: 'cuicheng-yiyuan-grid',
    });
    expect(dispatched.status).toBe(200);

    const s = await gw.call('GET', '/v1/places/alias-suggestions', admin);
    expect(s.status).toBe(200);
    const { suggestions } = (await s.json()) as {
      suggestions: { text: string; code: string; count: number; orders: string[] }[];
    };
    const taught = suggestions.find((x) => x.text === '翠城新苑');
    expect(taught).toMatchObject({ count: 1, orders: [id] });

    // Never automatic: before the operator accepts, the same words still go to triage.
    const again = await gw.call('POST', '/v1/orders', source, order('L-2', '翠城新苑5号楼'));
    expect(await again.json()).toMatchObject({ state: 'triage' });

    const accept = await gw.call('POST', '/v1/places/aliases', admin, {
      code: taught?.code,
      alias: '翠城新苑',
    });
    expect(accept.status).toBe(200);
    expect(((await accept.json()) as { aliases: string[] }).aliases).toContain('翠城新苑');

    const next = await gw.call('POST', '/v1/orders', source, order('L-3', '翠城新苑5号楼'));
    const routed = (await next.json()) as { id: string; state: string };
    expect(routed.state).toBe('dispatched');
    const view = await gw.call('GET', `/v1/orders/${routed.id}`, admin);
    expect(await view.json()).toMatchObject({ station: { id: 'cuicheng-yiyuan-grid' } });
  });

  it('refuses an alias for an unknown code with a problem naming the field', async () => {
    const gw = createTestGateway();
    const res = await gw.call('POST', '/v1/places/aliases', admin, {
      code: '999999',
      alias: '某地',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ errors: [{ path: 'code' }] });
    const station = await gw.call(
      'POST',
      '/v1/places/aliases',
      keys.station('cuicheng-yiyuan-grid'),
      {
        code: '110105',
        alias: '某地',
      },
    );
    expect(station.status).toBe(403);
  });

  it('counts a route returned as 属地不符 against 派单准确率 per rule, place and station', async () => {
    const gw = createTestGateway();
    const ids: string[] = [];
    for (const n of [1, 2]) {
      const res = await gw.call('POST', '/v1/orders', source, {
        ...fixture('02'),
        externalId: `A-${n}`,
      });
      const body = (await res.json()) as { id: string; state: string };
      expect(body.state).toBe('dispatched');
      ids.push(body.id);
    }
    const station = keys.station('cuicheng-yiyuan-grid');
    const returned = await gw.call('POST', `/v1/orders/${ids[0]}/return`, station, {
      reason: 'wrong_area',
      note: '不属于本社区',
    });
    expect(returned.status).toBe(200);

    const res = await gw.call('GET', '/v1/places/routing-accuracy', keys.auditor);
    expect(res.status).toBe(200);
    const acc = (await res.json()) as Record<
      string,
      { key: string; routed: number; wrong: number; accuracy: number }[]
    >;
    expect(acc.byStation).toContainEqual({
      key: 'cuicheng-yiyuan-grid',
      name: expect.stringContaining('翠城') as string,
      routed: 2,
      wrong: 1,
      accuracy: 0.5,
    });
    expect(acc.byRule).toContainEqual({ key: 'address', routed: 2, wrong: 1, accuracy: 0.5 });
    expect(acc.byPlace).toContainEqual({
      key: '110105',
      name: '朝阳区',
      routed: 2,
      wrong: 1,
      accuracy: 0.5,
    });

    const forbidden = await gw.call('GET', '/v1/places/routing-accuracy', station);
    expect(forbidden.status).toBe(403);
  });
});
