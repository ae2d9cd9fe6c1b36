// The Redis alias store (cluster mode) passes the AliasStore contract against a real redis-server, each
// test under its own key prefix, removed afterwards; a second connection plays the restarted gateway.
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RedisAliasStore } from '../../adapters/cluster/redis-alias-store.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { describeAliasStoreContract } from './alias-store.contract.js';

let server: TestRedis;
let n = 0;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server.stop();
});

describeAliasStoreContract('Redis', () => {
  const prefix = `t${++n}:`;
  const connections = [new Redis(server.url)];
  return Promise.resolve({
    store: new RedisAliasStore(connections[0] as Redis, { prefix }),
    reopen: () => {
      const again = new Redis(server.url);
      connections.push(again);
      return Promise.resolve(new RedisAliasStore(again, { prefix }));
    },
    cleanup: async () => {
      const first = connections[0] as Redis;
      const keys = await first.keys(`${prefix}*`);
      if (keys.length > 0) await first.del(...keys);
      for (const c of connections) c.disconnect();
    },
  });
});
