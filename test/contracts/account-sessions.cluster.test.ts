// Sessions in cluster mode, with real processes: two gateway processes (each with its own data
// directory, so nothing is shared through SQLite), one Kafka test broker, one private redis-server.
// A person logged in through one gateway is logged in on the other, logging out everywhere on one ends
// the session on both, and failed logins on both count towards one lockout.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startBrokerProcess, type BrokerProcess } from '../support/kafka-broker-process.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';

const tmp = mkdtempSync(join(tmpdir(), 'hg-cluster-sessions-'));
let broker: BrokerProcess;
let redisServer: TestRedis;
let a: GatewayProcess;
let b: GatewayProcess;
const env = (dataDir: string) => ({
  KAFKA_BROKERS: broker.brokers,
  REDIS_URL: redisServer.url,
  KAFKA_ORDER_EVENTS_PARTITIONS: '3',
  GATEWAY_DATA_DIR: join(tmp, dataDir),
  LOG_LEVEL: 'error',
});

beforeAll(async () => {
  [broker, redisServer] = await Promise.all([
    startBrokerProcess(join(tmp, 'kafka')),
    startTestRedis(),
  ]);
  [a, b] = await Promise.all([startGatewayProcess(env('a')), startGatewayProcess(env('b'))]);
}, 60_000);
afterAll(async () => {
  await Promise.all([a.kill('SIGKILL'), b.kill('SIGKILL'), broker.kill('SIGKILL')]);
  await redisServer.stop();
  rmSync(tmp, { recursive: true, force: true });
});

async function login(g: GatewayProcess, account: string, password = 'demo12345') {
  const res = await fetch(`${g.url}/v1/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ account, password }),
  });
  const cookie = /hg_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')?.[1];
  const body = (await res.json()) as { csrfToken?: string };
  return {
    status: res.status,
    headers: { cookie: `hg_session=${cookie ?? ''}`, 'x-csrf-token': body.csrfToken ?? '' },
  };
}

const sessionStatus = async (g: GatewayProcess, headers: Record<string, string>) =>
  (await fetch(`${g.url}/v1/session`, { headers })).status;

describe('sessions across gateway processes (Redis)', () => {
  it('a session made on one gateway works on the other, and logging out everywhere ends it on both', async () => {
    const s = await login(a, 'dispatcher');
    expect(s.status).toBe(200);
    expect(await sessionStatus(b, s.headers)).toBe(200);
    const queue = await fetch(`${b.url}/v1/orders?state=triage`, { headers: s.headers });
    expect(queue.status).toBe(200);
    const out = await fetch(`${b.url}/v1/session?everywhere=true`, {
      method: 'DELETE',
      headers: s.headers,
    });
    expect(out.status).toBe(204);
    expect(await sessionStatus(a, s.headers)).toBe(401);
    expect(await sessionStatus(b, s.headers)).toBe(401);
  });

  it('counts failed logins on both gateways towards one lockout', async () => {
    for (let i = 0; i < 5; i++) {
      const g = i % 2 === 0 ? a : b;
      expect((await login(g, 'auditor', `wrong-${i}`)).status).toBe(401);
    }
    expect((await login(a, 'auditor')).status).toBe(429);
    expect((await login(b, 'auditor')).status).toBe(429);
  });
});
