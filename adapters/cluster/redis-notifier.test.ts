// Long-poll wake-ups cross processes through a real redis-server: a pull waiting on one gateway wakes
// when another gateway notifies its station, and only that station's pull wakes.
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestRedis, type TestRedis } from '../../test/support/redis.js';
import { RedisInboxNotifier } from './redis-notifier.js';

let server: TestRedis;
beforeAll(async () => {
  server = await startTestRedis();
});
afterAll(async () => {
  await server.stop();
});

describe('RedisInboxNotifier', () => {
  it('wakes a pull waiting in another process, and not another station\u2019s', async () => {
    const [ca, cb] = [new Redis(server.url), new Redis(server.url)];
    const [a, b] = await Promise.all([RedisInboxNotifier.open(ca), RedisInboxNotifier.open(cb)]);
    const started = Date.now();
    const mine = a.wait('station-1', 5000);
    const other = a.wait('station-2', 300);
    b.notify('station-1');
    expect(await mine).toBe(true);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await other).toBe(false);
    const aborted = new AbortController();
    const gone = a.wait('station-1', 5000, aborted.signal);
    aborted.abort();
    expect(await gone).toBe(false);
    a.close();
    b.close();
    ca.disconnect();
    cb.disconnect();
  });
});
