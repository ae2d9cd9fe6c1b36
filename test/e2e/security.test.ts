// Who may do what, on every documented route.
import { describe, expect, it } from 'vitest';
import type { PrincipalRole } from '../../contracts/principals.js';
import { Problem } from '../../contracts/problem.js';
import { fixture, keys } from '../support/test-gateway.js';
import {
  documentedRoutes,
  expectForbiddenForOtherRoles,
  expectUnauthenticated,
  fill,
  securityGateway,
  scopedKey,
  scopedRoles,
  withRequiredQuery,
} from '../support/security-cases.js';

async function setup() {
  const gw = await securityGateway();
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

  it('leaves only the probes, Open311 service discovery and logging in open', () => {
    // GeoReport v2 clients discover the endpoint and its services without a key: the discovery
    // document and the topic catalogue hold no personal data.
    // /v1/session (log in, see or end one's own session) checks the session itself: test/e2e/sessions.test.ts.
    expect(open).toEqual([
      '/healthz',
      '/open311/discovery.json',
      '/open311/discovery.xml',
      '/open311/v2/services.json',
      '/open311/v2/services.xml',
      '/open311/v2/services/{code}.json',
      '/open311/v2/services/{code}.xml',
      '/readyz',
      '/v1/session',
      '/v1/session',
      '/v1/session',
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

/**
 * Readers held inside 东城区 (110101), with orders of 朝阳区 outside: one worked to an unsatisfied
 * callback, one left open past its deadline (so the drill-down lists hold them), one of 东城 inside.
 */
async function scopedScenario() {
  const gw = await securityGateway(['110101']);
  const at = (local: string) => gw.setNow(new Date(`${local}+08:00`));
  const push = async (fx: string, externalId: string) => {
    at('2026-03-02T09:00:00');
    const receivedAt = '2026-03-02T09:00:00+08:00';
    return (await gw.submit({ ...fixture(fx), externalId, receivedAt })).body.id;
  };
  const worked = await push('01', 'SCOPE-01');
  const station = keys.station('cuicheng-yiyuan-grid');
  for (const action of ['accept', 'contact', 'start'])
    expect((await gw.call('POST', `/v1/orders/${worked}/${action}`, station, {})).status).toBe(200);
  at('2026-03-04T15:00:00');
  const resolved = await gw.call('POST', `/v1/orders/${worked}/resolve`, station, {
    result: '已处理',
  });
  expect(resolved.status).toBe(200);
  at('2026-03-05T10:00:00');
  const survey = { valid: true, contacted: true, solved: false, satisfaction: 'unsatisfied' };
  expect((await gw.call('POST', `/v1/orders/${worked}/callback`, keys.source, survey)).status).toBe(
    200,
  );
  const open = await push('01', 'SCOPE-02');
  const inside = await push('05', 'SCOPE-05');
  at('2026-03-25T10:00:00');
  await gw.sweep();
  return { gw, outside: [worked, open], inside, outsideStation: 'cuicheng-yiyuan-grid' };
}

describe('readers held inside a district, on every route', async () => {
  const { gw } = await scopedScenario();
  const routes = await documentedRoutes(gw);
  const reads = (role: PrincipalRole) => routes.filter((r) => r.roles.includes(role));
  // Every (scoped role, route) pair; a role or route added later is checked without a new line here.
  const byId = scopedRoles.flatMap((role) =>
    reads(role)
      .filter((r) => r.path.includes('{id}') || r.path.includes('{stationId}'))
      .map((r) => [role, `${r.method} ${r.path}`, r] as const),
  );
  const lists = (role: PrincipalRole) =>
    reads(role).filter((r) => r.method === 'GET' && !r.path.includes('{'));
  // Lists that hold every order of the scenario, so each check there is not vacuous.
  const holdEverything = [
    '/v1/orders',
    '/open311/v2/requests.json',
    '/open311/v2/requests.xml',
    '/v1/metrics/export/orders.csv',
  ];

  it.each(byId)('a scoped %s, %s: an order or inbox outside is not found', async (role, _n, r) => {
    const { gw: g, outside, inside, outsideStation } = await scopedScenario();
    const key = scopedKey(role, '110101');
    for (const orderId of outside) {
      const res = await g.call(
        r.method,
        fill(r.path, { orderId, stationId: outsideStation }),
        key,
        r.method === 'POST' ? {} : undefined,
      );
      expect(res.status, `${r.method} ${r.path} for ${orderId}`).toBe(404);
      // Open311 answers with its own error list; everything else with a problem. Neither tells
      // anything of the order (the problem's instance only echoes the URL asked for).
      const text = await res.text();
      const said = r.path.startsWith('/open311/')
        ? text
        : JSON.stringify({ ...Problem.parse(JSON.parse(text)), instance: '' });
      if (!r.path.startsWith('/open311/'))
        expect(JSON.parse(said)).toMatchObject({ code: 'not_found' });
      expect(said).not.toContain('cuicheng');
    }
    if (r.method === 'GET') {
      const url = fill(r.path, { orderId: inside, stationId: 'ertiao-grid' });
      expect((await g.call('GET', url, key)).status, `${r.path} inside`).toBe(200);
    }
  });

  it.each(scopedRoles.filter((role) => lists(role).length > 0))(
    'a scoped %s finds no order outside in any list, feed or export',
    async (role) => {
      const { gw: g, outside, inside } = await scopedScenario();
      for (const r of lists(role)) {
        const url = withRequiredQuery(r.path, '2026-03');
        const res = await g.call('GET', url, scopedKey(role, '110101'));
        expect(res.status, `${r.path} as a scoped ${role}`).toBe(200);
        const text = await res.text();
        for (const id of outside) expect(text, `${r.path} lists ${id}`).not.toContain(id);
        if (holdEverything.includes(r.path)) {
          expect(text, `${r.path} lists the order inside`).toContain(inside);
          const all = await (await g.call('GET', url, keys.admin)).text();
          for (const id of outside) expect(all, `${r.path} as the dispatcher`).toContain(id);
        }
      }
    },
  );

  it.each(
    scopedRoles.filter((role) => lists(role).some((r) => r.path === '/open311/v2/requests.json')),
  )('a scoped %s finds no order outside by Open311 service_request_id', async (role) => {
    const { gw: g, outside, inside } = await scopedScenario();
    for (const format of ['json', 'xml']) {
      const ids = [...outside, inside].join(',');
      const url = `/open311/v2/requests.${format}?service_request_id=${ids}`;
      const text = await (await g.call('GET', url, scopedKey(role, '110101'))).text();
      for (const id of outside) expect(text).not.toContain(id);
      expect(text).toContain(inside);
    }
  });
});
