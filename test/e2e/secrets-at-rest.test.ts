// Webhook signing secrets at rest: with the gateway stopped, its data files alone (the SQLite file and
// its write-ahead log) do not hold a subscription's secret in any form, and in cluster mode no Redis
// value does; the gateway still signs with it after a restart and after the key-encryption key is
// rotated (new key first, `npm run secrets:rewrap`, old key dropped); a ring that cannot open a stored
// secret refuses to start.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { secretBytes } from '../../src/webhooks/standard-webhooks.js';
import { startGatewayProcess, type GatewayProcess } from '../support/gateway-process.js';
import { startBrokerProcess } from '../support/kafka-broker-process.js';
import { startTestRedis } from '../support/redis.js';
import { fixture, keys, root } from '../support/test-gateway.js';
import { startReceiver, type Receiver } from '../support/webhook-receiver.js';
import { until } from '../support/until.js';

const dataDir = mkdtempSync(join(tmpdir(), 'hg-secrets-'));
const k1 = `k1:${randomBytes(32).toString('base64')}`;
const k2 = `k2:${randomBytes(32).toString('base64')}`;
let cluster: Record<string, string> = {};
const env = (ring: string) => ({
  ...cluster,
  GATEWAY_DATA_DIR: dataDir,
  GATEWAY_PLACES_BASE: 'none',
  GATEWAY_SECRET_KEYS: ring,
  WEBHOOKS_ALLOW_PRIVATE: 'true',
  INTAKE_RATE_PER_MINUTE: '0',
  LOG_LEVEL: 'warn',
});
let receiver: Receiver;
let gateway: GatewayProcess | undefined;

beforeAll(async () => {
  receiver = await startReceiver(() => Math.floor(Date.now() / 1000));
});
afterAll(async () => {
  await gateway?.kill('SIGKILL');
  await receiver.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Submits an order and waits for its signed order.received to arrive; true when it verified. */
async function deliveredAndVerified(g: GatewayProcess, externalId: string): Promise<boolean> {
  const res = await fetch(`${g.url}/v1/orders`, {
    method: 'POST',
    headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      ...fixture('01'),
      externalId,
      receivedAt: new Date(Date.now() - 60_000).toISOString(),
    }),
  });
  expect(res.status).toBe(202);
  const { id } = (await res.json()) as { id: string };
  await until(
    () => receiver.unique.some((r) => r.message.data.orderId === id),
    60_000,
    `the delivery of ${id}`,
  );
  const arrived = receiver.unique.find((r) => r.message.data.orderId === id);
  return receiver.requests.find((r) => r.id === arrived?.id)?.verified ?? false;
}

function dataFiles(): Buffer {
  return Buffer.concat(readdirSync(dataDir).map((f) => readFileSync(join(dataDir, f))));
}

/** Every value under every key of a Redis, as bytes (strings, hashes, lists, sets, sorted sets). */
async function redisValues(redis: Redis): Promise<Buffer> {
  const parts: Buffer[] = [];
  for (const key of await redis.keys('*')) {
    const type = await redis.type(key);
    const add = (xs: (Buffer | string)[]) => parts.push(...xs.map((x) => Buffer.from(x)));
    if (type === 'string') add([(await redis.getBuffer(key)) ?? Buffer.alloc(0)]);
    else if (type === 'hash') add(Object.values(await redis.hgetallBuffer(key)));
    else if (type === 'list') add(await redis.lrangeBuffer(key, 0, -1));
    else if (type === 'set') add(await redis.smembersBuffer(key));
    else if (type === 'zset') add(await redis.zrangeBuffer(key, '0', '-1'));
    else if (type === 'stream') add([JSON.stringify(await redis.xrange(key, '-', '+'))]);
  }
  return Buffer.concat(parts);
}

async function rewrap(ring: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/entry/secrets-rewrap.ts'], {
    cwd: root,
    env: { ...process.env, ...env(ring) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out };
}

describe('webhook secrets at rest', () => {
  it('are not in the data files, and still sign after a restart and a key rotation', async () => {
    gateway = await startGatewayProcess(env(k1), 60_000);
    const created = await fetch(`${gateway.url}/v1/subscriptions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: `${receiver.url}/hook`, eventTypes: ['order.received'] }),
    });
    expect(created.status).toBe(201);
    const { secret } = (await created.json()) as { secret: string };
    await receiver.setSecret(secret);
    expect(await deliveredAndVerified(gateway, 'SECRET-1')).toBe(true);
    await gateway.kill('SIGTERM');

    // The stopped gateway's files: no trace of the secret, as text or as its key bytes.
    const files = dataFiles();
    expect(files.includes(secret)).toBe(false);
    expect(files.includes(secret.slice('whsec_'.length))).toBe(false);
    expect(files.includes(Buffer.from(secretBytes(secret)))).toBe(false);

    gateway = await startGatewayProcess(env(k1), 60_000);
    expect(await deliveredAndVerified(gateway, 'SECRET-2')).toBe(true);
    await gateway.kill('SIGTERM');

    // Rotation: the new key first in the ring (old one still listed), rewrap, then drop the old key.
    gateway = await startGatewayProcess(env(`${k2},${k1}`), 60_000);
    const rewrapped = await rewrap(`${k2},${k1}`);
    expect(rewrapped.code, rewrapped.out).toBe(0);
    expect(rewrapped.out).toMatch(/under k2: 1 rewrapped, 0 already current, 0 unreadable/);
    await gateway.kill('SIGTERM');
    gateway = await startGatewayProcess(env(k2), 60_000);
    expect(await deliveredAndVerified(gateway, 'SECRET-3')).toBe(true);
    await gateway.kill('SIGTERM');
    expect(dataFiles().includes(secret)).toBe(false);

    // A ring without the key that wrapped the stored secrets refuses to start, naming the remedy.
    const k3 = `k3:${randomBytes(32).toString('base64')}`;
    await expect(startGatewayProcess(env(k3), 60_000)).rejects.toThrow(
      /opens no secret of subscription\(s\) sub_\w+.*secrets:rewrap/,
    );
    gateway = undefined;
  }, 240_000);

  it('in cluster mode are not in Redis, and still sign after a restart and a key rotation', async () => {
    const [broker, redisServer] = await Promise.all([
      startBrokerProcess(join(dataDir, 'kafka')),
      startTestRedis(),
    ]);
    const redis = new Redis(redisServer.url);
    cluster = {
      KAFKA_BROKERS: broker.brokers,
      REDIS_URL: redisServer.url,
      KAFKA_ORDER_EVENTS_PARTITIONS: '3',
    };
    try {
      gateway = await startGatewayProcess(env(k1));
      const created = await fetch(`${gateway.url}/v1/subscriptions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.source}`, 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${receiver.url}/hook`, eventTypes: ['order.received'] }),
      });
      expect(created.status).toBe(201);
      const { secret } = (await created.json()) as { secret: string };
      await receiver.setSecret(secret);
      expect(await deliveredAndVerified(gateway, 'CLUSTER-SECRET-1')).toBe(true);
      const values = await redisValues(redis);
      expect(values.length).toBeGreaterThan(1000); // the views are there; the secret is not
      expect(values.includes(secret)).toBe(false);
      expect(values.includes(secret.slice('whsec_'.length))).toBe(false);
      expect(values.includes(Buffer.from(secretBytes(secret)))).toBe(false);
      await gateway.kill('SIGTERM');

      gateway = await startGatewayProcess(env(`${k2},${k1}`));
      const rewrapped = await rewrap(`${k2},${k1}`);
      expect(rewrapped.code, rewrapped.out).toBe(0);
      expect(rewrapped.out).toMatch(/under k2: 1 rewrapped, 0 already current, 0 unreadable/);
      await gateway.kill('SIGTERM');
      gateway = await startGatewayProcess(env(k2));
      expect(await deliveredAndVerified(gateway, 'CLUSTER-SECRET-2')).toBe(true);
      await gateway.kill('SIGTERM');
      gateway = undefined;
    } finally {
      cluster = {};
      redis.disconnect();
      await broker.kill('SIGKILL');
      await redisServer.stop();
    }
  }, 300_000);
});
