// The shared security cases, run on every route the OpenAPI document lists (so a new route cannot
// escape them): no key → 401, a key of a role the route does not allow → 403, a station reaching
// for another station's order or inbox → 404 that reveals nothing, and a reader held inside a district
// (a scoped auditor, and any other scoped role the contract gains) finding nothing outside it.
import { expect } from 'vitest';
import { PrincipalRole } from '../../contracts/principals.js';
import type { PrincipalEntry } from '../../contracts/principals.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { PrincipalDirectory, sha256Hex } from '../../src/http/principal.js';
import { createTestGateway, exampleConfigDir, keys } from './test-gateway.js';

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

const demoKeys: Partial<Record<PrincipalRole, string>> = {
  source: keys.source,
  station: keys.station('cuicheng-yiyuan-grid'),
  auditor: keys.auditor,
  admin: keys.admin,
};

/** A key for every role: the demo key where the example configuration has one, else a test key. */
export const keyFor = Object.fromEntries(
  PrincipalRole.options.map((role) => [role, demoKeys[role] ?? `test-${role}`]),
) as Record<PrincipalRole, string>;

/**
 * A route's path with ids of the kind it names: an order's id for the order routes; a well-formed
 * subscription or delivery id (which nobody here owns) for the webhook routes, whose ids are their
 * own and refused as malformed when given an order's. Owning stations and sources reading each
 * other's subscriptions and deliveries are tested in station-push and webhooks-api/webhooks-out.
 */
export function fill(path: string, ids: { orderId: string; stationId: string }): string {
  const id = path.startsWith('/v1/subscriptions/')
    ? 'sub_0123456789abcdefghjk'
    : path.startsWith('/v1/deliveries/')
      ? 'msg_0123456789abcdefghjk'
      : ids.orderId;
  return path.replace('{id}', id).replace('{stationId}', ids.stationId);
}

export async function expectUnauthenticated(gw: Gateway, r: RouteUnderTest, url: string) {
  // GeoReport v2 answers a missing or invalid api_key with 403 and its own error list.
  const open311 = r.path.startsWith('/open311/');
  for (const key of [undefined, 'not-a-key']) {
    const res = await gw.call(r.method, url, key, r.method === 'POST' ? {} : undefined);
    expect(res.status, `${r.method} ${r.path} with key ${String(key)}`).toBe(open311 ? 403 : 401);
    if (!open311) expect(res.headers.get('content-type')).toContain('application/problem+json');
  }
}

export async function expectForbiddenForOtherRoles(gw: Gateway, r: RouteUnderTest, url: string) {
  for (const role of PrincipalRole.options.filter((x) => !r.roles.includes(x))) {
    const res = await gw.call(r.method, url, keyFor[role], r.method === 'POST' ? {} : undefined);
    expect(res.status, `${r.method} ${r.path} as ${role}`).toBe(403);
  }
}

/**
 * Every role that can be held inside a division code: all roles but the ones bound to an identity
 * (a source, a station) and the unscoped dispatcher. A role added to the contract joins by itself.
 */
export const scopedRoles: PrincipalRole[] = PrincipalRole.options.filter(
  (r) => r !== 'source' && r !== 'station' && r !== 'admin',
);

/** The key of a principal of `role` held inside `scope` (the example configuration has none). */
export const scopedKey = (role: PrincipalRole, scope: string) => `scoped-${role}-${scope}`;

/**
 * A test gateway on the example configuration plus a principal for every role it has no demo key for
 * (so every role is tried on every route), and for every scoped role one principal per given scope.
 */
export async function securityGateway(scopes: readonly string[] = []): Promise<Gateway> {
  const files = loadConfigFiles(exampleConfigDir);
  const entry = async (
    role: PrincipalRole,
    key: string,
    scope?: string,
  ): Promise<PrincipalEntry> => ({
    id: scope ? `${role}-${scope}` : `test-${role}`,
    role,
    name: scope ? `${role} ${scope}` : role,
    keyHashes: [`sha256:${await sha256Hex(key)}`],
    demo: true,
    ...(scope ? { scope } : {}),
  });
  const extra: PrincipalEntry[] = [];
  for (const role of PrincipalRole.options)
    if (demoKeys[role] === undefined) extra.push(await entry(role, keyFor[role]));
  for (const role of scopedRoles)
    for (const scope of scopes) extra.push(await entry(role, scopedKey(role, scope), scope));
  return createTestGateway({
    principals: new PrincipalDirectory([...files.principals.principals, ...extra]),
  });
}

/** Query strings a GET route needs to answer at all (the metrics routes take a period). */
export function withRequiredQuery(path: string, period: string): string {
  return path.startsWith('/v1/metrics/') ? `${path}?period=${period}` : path;
}
