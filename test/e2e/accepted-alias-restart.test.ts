// An accepted alias outlives the process (issue 18.7): a dispatcher's hand dispatch teaches words the
// router could not place, an operator accepts them with one call, the real gateway is stopped and
// started again on the same data directory, and an order written with those words is routed by itself
// to the station the dispatcher chose.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { fixture, keys } from '../support/test-gateway.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hg-aliases-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function call<T>(
  gw: GatewayProcess,
  method: string,
  path: string,
  key: string,
  body?: unknown,
) {
  const res = await fetch(`${gw.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const order = (externalId: string, address: string) => ({
  ...fixture('02'),
  externalId,
  location: { address },
});

describe('accepted aliases across a restart (embedded store)', () => {
  it('routes an order by an alias accepted before the gateway restarted', async () => {
    const env = { GATEWAY_DATA_DIR: dataDir };
    const first = await startGatewayProcess(env);
    onTestFinished(async () => {
      await first.kill('SIGKILL');
    });
    const taughtBy = await call<{ id: string; state: string }>(
      first,
      'POST',
      '/v1/orders',
      keys.source,
      order('ALIAS-1', '翠城新苑3号楼2单元'),
    );
    expect(taughtBy.body.state).toBe('triage');
    const dispatched = await call(
      first,
      'POST',
      `/v1/orders/${taughtBy.body.id}/dispatch`,
      keys.admin,
      {
        stationId: 'cuicheng-yiyuan-grid',
      },
    );
    expect(dispatched.status).toBe(200);
    const { body } = await call<{ suggestions: { text: string; code: string }[] }>(
      first,
      'GET',
      '/v1/places/alias-suggestions',
      keys.admin,
    );
    const taught = body.suggestions.find((s) => s.text === '翠城新苑');
    expect(taught).toBeDefined();
    const accepted = await call<{ note: string }>(first, 'POST', '/v1/places/aliases', keys.admin, {
      code: taught?.code,
      alias: '翠城新苑',
    });
    expect(accepted.status).toBe(200);
    expect(accepted.body.note).toContain('kept');
    expect(await first.kill('SIGTERM')).not.toBeNull();

    const second = await startGatewayProcess(env);
    onTestFinished(async () => {
      await second.kill('SIGKILL');
    });
    const next = await call<{ id: string; state: string }>(
      second,
      'POST',
      '/v1/orders',
      keys.source,
      order('ALIAS-2', '翠城新苑5号楼'),
    );
    expect(next.body.state).toBe('dispatched');
    const view = await call<{ station: { id: string } }>(
      second,
      'GET',
      `/v1/orders/${next.body.id}`,
      keys.admin,
    );
    expect(view.body.station.id).toBe('cuicheng-yiyuan-grid');
    // Accepting it again after the restart keeps it once.
    const again = await call<{ aliases: string[] }>(
      second,
      'POST',
      '/v1/places/aliases',
      keys.admin,
      {
        code: taught?.code,
        alias: '翠城新苑',
      },
    );
    expect(again.body.aliases.filter((a) => a === '翠城新苑')).toHaveLength(1);
  });
});
