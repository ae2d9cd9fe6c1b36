// Per-key token buckets in memory: `burst` requests at once, refilled at `perMinute`. One process
// only; time comes from the injected clock so tests run it on a fake clock, to the second.
import type { Clock } from '../../src/ports/order-store.js';
import type { RateDecision, RateLimiter } from '../../src/ports/rate-limiter.js';

export interface TokenBucketOptions {
  perMinute: number;
  burst: number;
  /** Buckets idle this long are dropped, so a stream of one-off keys cannot grow memory forever. */
  idleMs?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

export class TokenBucketRateLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private sweptAt = 0;

  constructor(
    private readonly options: TokenBucketOptions,
    private readonly clock: Clock,
  ) {}

  take(key: string): Promise<RateDecision> {
    const now = this.clock.now().getTime();
    this.sweep(now);
    const { perMinute, burst } = this.options;
    const perMs = perMinute / 60_000;
    const b = this.buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + Math.max(0, now - b.at) * perMs);
    b.at = now;
    this.buckets.set(key, b);
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return Promise.resolve({
        allowed: true,
        retryAfterSeconds: 0,
        remaining: Math.floor(b.tokens),
        limit: burst,
      });
    }
    const waitMs = (1 - b.tokens) / perMs;
    return Promise.resolve({
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      remaining: 0,
      limit: burst,
    });
  }

  private sweep(now: number): void {
    const idle = this.options.idleMs ?? 10 * 60_000;
    if (now - this.sweptAt < idle) return;
    this.sweptAt = now;
    for (const [k, b] of this.buckets) if (now - b.at > idle) this.buckets.delete(k);
  }
}
