// Who may do what, on every documented route.
import { describe, expect, it } from 'vitest';
import { Problem } from '../../contracts/problem.js';
import { createTestGateway, fixture, keys } from '../support/test-gateway.js';
import {
  documentedRoutes,
  expectForbiddenForOtherRoles,
  expectUnauthenticated,
  fill,
} from '../support/security-cases.js';

async function setup() {
  const gw = createTestGateway();
  const { body } = await gw.submit(fixture('01')); // routed to cuicheng-yiyuan-grid
  return { gw, orderId: body.id, stationId: 'cuicheng-yiyuan-grid' };
}

describe('every documented route checks who is calling', async () => {
  const { gw } = await setup();
  const routes = await documentedRoutes(gw);

  it('documents the routes of the gateway', () => {
    expect(routes.length).toBeGreaterThanOrEqual(15);
  });

  const guarded = routes.filter((r) => r.roles.length > 0);
  const open = routes
    .filter((r) => r.roles.length === 0)
    .map((r) => r.path)
    .sort();

  it('leaves only the probes and Open311 service discovery open', () => {
    // GeoReport v2 clients discover services without a key; the list is the topic catalogue, no personal data.
    expect(open).toEqual([
      '/healthz',
      '/open311/v2/services.json',
      '/open311/v2/services.xml',
      '/open311/v2/services/{code}.json',
      '/open311/v2/services/{code}.xml',
      '/readyz',
    ]);
  });

  it.each(guarded.map((r) => [`${r.method} ${r.path}`, r] as const))(
    '%s: 401 without a valid key, 403 for other roles',
    async (_name, r) => {
      const { gw: g, orderId, stationId } = await setup();
      const url = fill(r.path, { orderId, stationId });
      await expectUnauthenticated(g, r, url);
      await expectForbiddenForOtherRoles(g, r, url);
    },
  );

  const stationRoutes = guarded.filter(
    (r) =>
      r.roles.includes('station') && (r.path.includes('{id}') || r.path.includes('{stationId}')),
  );
  it.each(stationRoutes.map((r) => [`${r.method} ${r.path}`, r] as const))(
    "%s: another station gets 404 for this station's order",
    async (_name, r) => {
      const { gw: g, orderId, stationId } = await setup();
      const url = fill(r.path, { orderId, stationId });
      const res = await g.call(
        r.method,
        url,
        keys.station('cuicheng-xinyuan-grid'),
        r.method === 'POST' ? {} : undefined,
      );
      expect(res.status).toBe(404);
      const { instance: _echoedUrl, requestId: _id, ...problem } = Problem.parse(await res.json());
      // The same answer as for something that does not exist at all.
      expect(problem).toMatchObject({ status: 404, code: 'not_found' });
      expect(JSON.stringify(problem)).not.toContain('cuicheng-yiyuan');
    },
  );
});

describe('a hotline source', () => {
  it("cannot read another source's order", async () => {
    const { gw, orderId } = await setup();
    expect((await gw.call('GET', `/v1/orders/${orderId}`, keys.otherSource)).status).toBe(404);
    expect((await gw.call('GET', `/v1/orders/${orderId}`, keys.source)).status).toBe(200);
  });

  it('lists only its own orders', async () => {
    const { gw, orderId } = await setup();
    await gw.submit(fixture('07')); // sh-12345
    const mine = (await (await gw.call('GET', '/v1/orders', keys.source)).json()) as {
      items: { id: string }[];
    };
    expect(mine.items.map((o) => o.id)).toEqual([orderId]);
  });
});
