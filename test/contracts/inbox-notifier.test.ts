// Runs the InboxNotifier contract on the in-process notifier and on Redis pub/sub between two
// notifiers (two gateway processes' connections) on a private redis-server.
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { RedisInboxNotifier } from '../../adapters/cluster/redis-notifier.js';
import { InProcessNotifier } from '../../src/runtime/in-process-notifier.js';
import { startTestRedis, type TestRedis } from '../support/redis.js';
import { describeInboxNotifierContract } from './inbox-notifier.contract.js';

describeInboxNotifierContract('in-process', async () => {
  const n = new InProcessNotifier();
  return { notifying: n, waiting: n, close: async () => undefined };
});

let redis: TestRedis | undefined;
beforeAll(async () => {
  redis = await startTestRedis();
}, 60_000);
afterAll(async () => {
  await redis?.stop();
});

let prefixes = 0;
describeInboxNotifierContract('Redis pub/sub between two processes', async () => {
  if (!redis) throw new Error('redis did not start');
  const prefix = `notifier-${process.pid}-${++prefixes}:`;
  const a = new Redis(redis.url, { lazyConnect: false });
  const b = new Redis(redis.url, { lazyConnect: false });
  const notifying = await RedisInboxNotifier.open(a, prefix);
  const waiting = await RedisInboxNotifier.open(b, prefix);
  return {
    notifying,
    waiting,
    close: async () => {
      notifying.close();
      waiting.close();
      a.disconnect();
      b.disconnect();
    },
  };
});
