// The shared security cases, run on every route the OpenAPI document lists (so a new route cannot
// escape them): no key → 401, a key of a role the route does not allow → 403, a station reaching
// for another station's order or inbox → 404 that reveals nothing.
import { expect } from 'vitest';
import type { PrincipalRole } from '../../contracts/principals.js';
import type { createTestGateway } from './test-gateway.js';
import { keys } from './test-gateway.js';

export interface RouteUnderTest {
  method: string;
  path: string;
  roles: PrincipalRole[];
}

type Gateway = ReturnType<typeof createTestGateway>;

export async function documentedRoutes(gw: Gateway): Promise<RouteUnderTest[]> {
  const doc = (await (await gw.call('GET', '/openapi.json')).json()) as {
    paths: Record<string, Record<string, { 'x-roles'?: PrincipalRole[]; security?: unknown[] }>>;
  };
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      path,
      roles: op['x-roles'] ?? [],
    })),
  );
}

export const keyFor: Record<PrincipalRole, string> = {
  source: keys.source,
  station: keys.station('cuicheng-yiyuan-grid'),
  auditor: keys.auditor,
  admin: keys.admin,
};

export function fill(path: string, ids: { orderId: string; stationId: string }): string {
  return path.replace('{id}', ids.orderId).replace('{stationId}', ids.stationId);
}

export async function expectUnauthenticated(gw: Gateway, r: RouteUnderTest, url: string) {
  for (const key of [undefined, 'not-a-key']) {
    const res = await gw.call(r.method, url, key, r.method === 'POST' ? {} : undefined);
    expect(res.status, `${r.method} ${r.path} with key ${String(key)}`).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  }
}

export async function expectForbiddenForOtherRoles(gw: Gateway, r: RouteUnderTest, url: string) {
  for (const role of (['source', 'station', 'auditor', 'admin'] as const).filter(
    (x) => !r.roles.includes(x),
  )) {
    const res = await gw.call(r.method, url, keyFor[role], r.method === 'POST' ? {} : undefined);
    expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
  }
}
