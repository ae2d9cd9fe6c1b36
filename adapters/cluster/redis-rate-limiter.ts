// Per-key token buckets in Redis, so every gateway process draws from the same bucket: the same
// arithmetic as the embedded limiter (burst at once, refilled at perMinute), done atomically in one
// Lua script. Time comes from the injected clock (process clocks should be NTP-synchronised).
import type { Redis } from 'ioredis';
import type { Clock } from '../../src/ports/order-store.js';
import type { RateDecision, RateLimiter } from '../../src/ports/rate-limiter.js';

// KEYS[1] bucket; ARGV: now ms, perMinute, burst, idle ms → allowed (0/1), tokens left ×1000, wait ms
const take = `
local now, perMs, burst = tonumber(ARGV[1]), tonumber(ARGV[2]) / 60000, tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens, at = tonumber(b[1] or burst), tonumber(b[2] or now)
tokens = math.min(burst, tokens + math.max(0, now - at) * perMs)
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', now)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
local wait = 0
if allowed == 0 then wait = math.ceil((1 - tokens) / perMs) end
return {allowed, math.floor(tokens * 1000), wait}
`;

export interface RedisRateLimiterOptions {
  perMinute: number;
  burst: number;
  prefix?: string;
  idleMs?: number;
}

export class RedisRateLimiter implements RateLimiter {
  private readonly run: (
    key: string,
    ...args: (string | number)[]
  ) => Promise<[number, number, number]>;

  constructor(
    redis: Redis,
    private readonly options: RedisRateLimiterOptions,
    private readonly clock: Clock,
  ) {
    redis.defineCommand('hg_rateTake', { numberOfKeys: 1, lua: take });
    const command = (
      redis as unknown as Record<
        string,
        (...a: (string | number)[]) => Promise<[number, number, number]>
      >
    ).hg_rateTake;
    if (!command) throw new Error('rate limit script not defined');
    this.run = (key, ...args) => command.call(redis, key, ...args);
  }

  async take(key: string): Promise<RateDecision> {
    const { perMinute, burst } = this.options;
    const [allowed, milliTokens, waitMs] = await this.run(
      `${this.options.prefix ?? 'hotline:'}rate:${key}`,
      this.clock.now().getTime(),
      perMinute,
      burst,
      this.options.idleMs ?? 10 * 60_000,
    );
    if (allowed === 1)
      return {
        allowed: true,
        retryAfterSeconds: 0,
        remaining: Math.floor(milliTokens / 1000),
        limit: burst,
      };
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)),
      remaining: 0,
      limit: burst,
    };
  }
}
