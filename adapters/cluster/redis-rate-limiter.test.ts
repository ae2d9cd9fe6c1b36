// The Redis token bucket passes the shared RateLimiter contract against a real redis-server, and two
// gateway processes (two connections) draw from one bucket, so a source cannot double its limit by
// spreading pushes over the cluster.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  describeRateLimiterContract,
  fakeClock,
} from '../../test/contracts/rate-limiter.contract.js';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import { RedisRateLimiter } from './redis-rate-limiter.js';

let server: TestRedis;
const clients: Redis[] = [];
let n = 0;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  for (const c of clients) c.disconnect();
  await server.stop();
});
const connect = () => {
  const c = new Redis(server.url);
  clients.push(c);
  return c;
};

describeRateLimiterContract('Redis token bucket', (perMinute, burst, clock) =>
  Promise.resolve(
    new RedisRateLimiter(connect(), { perMinute, burst, prefix: `rl${++n}:` }, clock),
  ),
);

describe('RedisRateLimiter across processes', () => {
  it('shares one bucket between two gateways', async () => {
    const clock = fakeClock();
    const [a, b] = [
      new RedisRateLimiter(connect(), { perMinute: 60, burst: 4, prefix: 'shared:' }, clock),
      new RedisRateLimiter(connect(), { perMinute: 60, burst: 4, prefix: 'shared:' }, clock),
    ];
    const answers = await Promise.all([
      a.take('bj'),
      b.take('bj'),
      a.take('bj'),
      b.take('bj'),
      a.take('bj'),
      b.take('bj'),
    ]);
    expect(answers.filter((d) => d.allowed)).toHaveLength(4);
  });
});
