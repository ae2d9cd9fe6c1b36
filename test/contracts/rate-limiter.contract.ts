// The contract every RateLimiter adapter passes (in-memory token bucket; Redis in cluster mode), on a
// fake clock: a burst is allowed at once, the next request waits for the refill, keys are independent.
import { describe, expect, it } from 'vitest';
import type { RateLimiter } from '../../src/ports/rate-limiter.js';

export interface FakeClock {
  now(): Date;
  advance(ms: number): void;
}
export const fakeClock = (start = Date.parse('2026-03-02T08:00:00Z')): FakeClock => {
  let t = start;
  return {
    now: () => new Date(t),
    advance: (ms) => {
      t += ms;
    },
  };
};

/** `make(perMinute, burst, clock)` returns a limiter with buckets nobody else uses. */
export function describeRateLimiterContract(
  name: string,
  make: (perMinute: number, burst: number, clock: FakeClock) => Promise<RateLimiter>,
) {
  describe(`RateLimiter contract: ${name}`, () => {
    it('allows the burst at once, then refuses with the seconds until the next token', async () => {
      const clock = fakeClock();
      const limiter = await make(60, 3, clock);
      const first = await limiter.take('bj-12345');
      expect(first).toEqual({ allowed: true, retryAfterSeconds: 0, remaining: 2, limit: 3 });
      await limiter.take('bj-12345');
      expect(await limiter.take('bj-12345')).toMatchObject({ allowed: true, remaining: 0 });
      expect(await limiter.take('bj-12345')).toEqual({
        allowed: false,
        retryAfterSeconds: 1,
        remaining: 0,
        limit: 3,
      });
      expect((await limiter.take('sh-12345')).allowed).toBe(true);
    });

    it('refills at the sustained rate, never above the burst', async () => {
      const clock = fakeClock();
      const limiter = await make(6, 2, clock); // one token every 10 s
      await limiter.take('k');
      await limiter.take('k');
      expect(await limiter.take('k')).toMatchObject({ allowed: false, retryAfterSeconds: 10 });
      clock.advance(9_000);
      expect(await limiter.take('k')).toMatchObject({ allowed: false, retryAfterSeconds: 1 });
      clock.advance(1_000);
      expect((await limiter.take('k')).allowed).toBe(true);
      clock.advance(3_600_000);
      expect(await limiter.take('k')).toMatchObject({ allowed: true, remaining: 1 });
    });
  });
}
