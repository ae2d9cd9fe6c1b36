// The Redis account store (cluster mode) passes the AccountStore contract against a real redis-server,
// each test under its own key prefix, removed afterwards; two gateway processes (two connections)
// share sessions and lockouts.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { RedisAccountStore } from '../../adapters/cluster/redis-account-store.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { describeAccountStoreContract } from './account-store.contract.js';

let server: TestRedis;
let n = 0;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server.stop();
});

async function removePrefix(redis: Redis, prefix: string): Promise<void> {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
}

describeAccountStoreContract('Redis', () => {
  const redis = new Redis(server.url);
  const prefix = `t${++n}:`;
  const store = new RedisAccountStore(redis, { prefix });
  return Promise.resolve({
    store,
    cleanup: async () => {
      await store.close();
      await removePrefix(redis, prefix);
      redis.disconnect();
    },
  });
});

describe('RedisAccountStore across processes', () => {
  it('a session made through one connection is found and ended through another', async () => {
    const [a, b] = [new Redis(server.url), new Redis(server.url)];
    const prefix = `shared${++n}:`;
    onTestFinished(async () => {
      await removePrefix(a, prefix);
      a.disconnect();
      b.disconnect();
    });
    const one = new RedisAccountStore(a, { prefix });
    const two = new RedisAccountStore(b, { prefix });
    await one.createSession({
      idHash: 'h1',
      accountId: 'yiyuan',
      csrfToken: 'c1',
      createdAt: 1000,
      lastSeenAt: 1000,
      expiresAt: 60_000,
    });
    expect((await two.session('h1'))?.accountId).toBe('yiyuan');
    const policy = { limit: 5, windowMs: 60_000, lockMs: 60_000 };
    await Promise.all([
      ...Array.from({ length: 3 }, () => one.recordFailure('account:x', 1000, policy)),
      ...Array.from({ length: 2 }, () => two.recordFailure('account:x', 1000, policy)),
    ]);
    expect((await one.failures('account:x', 1000))?.lockedUntil).toBe(61_000);
    expect(await two.deleteSessions('yiyuan')).toBe(1);
    expect(await one.session('h1')).toBeNull();
  });

  it('cleans up after itself: sessions and counters carry a TTL', async () => {
    const redis = new Redis(server.url);
    const prefix = `ttl${++n}:`;
    onTestFinished(async () => {
      await removePrefix(redis, prefix);
      redis.disconnect();
    });
    const s = new RedisAccountStore(redis, { prefix });
    await s.createSession({
      idHash: 'h1',
      accountId: 'yiyuan',
      csrfToken: 'c1',
      createdAt: 0,
      lastSeenAt: 0,
      expiresAt: 3_600_000,
    });
    await s.recordFailure('account:x', 0, { limit: 5, windowMs: 60_000, lockMs: 60_000 });
    for (const key of await redis.keys(`${prefix}*`)) {
      if (key.includes(':a:') || key.endsWith('all')) continue;
      const ttl = await redis.pttl(key);
      expect(ttl, key).toBeGreaterThan(0);
    }
  });
});
