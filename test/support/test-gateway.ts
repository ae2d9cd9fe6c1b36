// An in-process gateway on the bundled example configuration, with an in-memory SQLite store and a
// settable clock, for tests that drive the HTTP surface with app.request().
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { InProcessNotifier } from '../../src/runtime/in-process-notifier.js';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import type { OrderSubmissionInput } from '../../contracts/order.js';
import { createApp } from '../../src/http/app.js';
import { sweepSla } from '../../src/usecases/sla.js';
import type { AppDeps } from '../../src/http/deps.js';
import { PrincipalDirectory } from '../../src/http/principal.js';
import { newOrderId } from '../../src/runtime/ids.js';
import { SqliteAccountStore } from '../../adapters/embedded/sqlite-account-store.js';
import { ensureDemoAccounts } from '../../src/usecases/accounts/demo-accounts.js';
import { sessionPolicy } from '../../src/usecases/accounts/policy.js';
import { createLogger } from '../../src/telemetry/logger.js';
import { loadCore } from '../../src/entry/open-core.js';

export const root = new URL('../../', import.meta.url).pathname;
export const exampleConfigDir = join(root, 'deploy/example');

/** Demo keys of the example configuration (also listed in the README). */
export const keys = {
  source: 'demo-source-bj-12345',
  otherSource: 'demo-source-sh-12345',
  station: (id: string) => `demo-station-${id}`,
  auditor: 'demo-auditor',
  admin: 'demo-admin',
};

export type Fixture = OrderSubmissionInput & { source: string };

export function fixture(name: string): Fixture {
  const dir = join(root, 'test/fixtures/orders');
  const file = readdirSync(dir).find((f) => f.startsWith(name));
  if (!file) throw new Error(`no fixture ${name}`);
  return JSON.parse(readFileSync(join(dir, file), 'utf8')) as Fixture;
}

export function sourceKey(f: Fixture): string {
  return `demo-source-${f.source}`;
}

export function createTestGateway(overrides: Partial<AppDeps> = {}) {
  let now = new Date('2026-03-02T09:00:00+08:00');
  const clock = { now: () => now };
  // The core as the gateway opens it (src/entry/open-core.ts), on the example configuration without
  // the national base (fast, and the example's routing is what these tests are about) and a fake clock.
  const core = loadCore(
    { GATEWAY_CONFIG_DIR: exampleConfigDir, GATEWAY_PLACES_BASE: 'none' },
    { clock },
  );
  const { files, places, sla } = core;
  const logLines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(chunk.toString());
      done();
    },
  });
  const store = new SqliteOrderStore({ path: ':memory:', project: core.project });
  const metrics = core.metricsOver(store.metrics);
  // Personal accounts in memory, with the demo accounts (README "Accounts").
  const accountStore = new SqliteAccountStore({ path: ':memory:' });
  const deps: AppDeps = {
    accounts: {
      store: accountStore,
      policy: sessionPolicy(),
      production: false,
      ready: ensureDemoAccounts(accountStore, now),
    },
    store,
    sla,
    metrics,
    places,
    principals: new PrincipalDirectory(files.principals.principals),
    notifier: new InProcessNotifier(),
    clock,
    newId: () => newOrderId(now.getTime()),
    logger: createLogger({ level: 'info', destination: sink }),
    limits: { bodyBytes: 64 * 1024, longPollSeconds: 30 },
    ready: () => true,
    // Status webhooks out; private and loopback targets refused, as in production by default.
    outbound: {
      deliveries: new SqliteDeliveryStore({ path: ':memory:' }),
      checkUrl: (url) => urlAddressRefusal(url, false),
    },
    ...overrides,
  };
  const app = createApp(deps);

  const call = (
    method: string,
    path: string,
    key?: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) =>
    app.request(path, {
      method,
      headers: {
        ...(key ? { authorization: `Bearer ${key}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { body: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });

  /** Logs a person in: the cookie and CSRF headers to send with their requests. */
  const login = async (account: string, password = 'demo12345') => {
    const res = await call('POST', '/v1/session', undefined, { account, password });
    if (res.status !== 200) throw new Error(`login ${account}: ${res.status} ${await res.text()}`);
    const cookie = /hg_session=([^;]+)/.exec(res.headers.get('set-cookie') ?? '')?.[1] ?? '';
    const { csrfToken } = (await res.json()) as { csrfToken: string };
    return {
      cookie,
      csrfToken,
      headers: { cookie: `hg_session=${cookie}`, 'x-csrf-token': csrfToken },
    };
  };

  return {
    app,
    deps,
    logLines,
    call,
    login,
    setNow: (d: Date) => {
      now = d;
    },
    store,
    /** One SLA sweep at the fake clock's current time. */
    sweep: () => sweepSla({ store, index: store, sla, clock }),
    submit: async (f: Fixture, headers: Record<string, string> = {}) => {
      const res = await call('POST', '/v1/orders', sourceKey(f), f, headers);
      return {
        res,
        body: (await res.json()) as { id: string; status: string; state: string; location: string },
      };
    },
  };
}
