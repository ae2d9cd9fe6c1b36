// The rate limiter port: how many requests a caller may still make. The embedded adapter is an
// in-memory token bucket (adapters/embedded/token-bucket-rate-limiter.ts); the cluster one
// (adapters/cluster/redis-rate-limiter.ts) keeps the buckets in Redis so every process shares them.
export interface RateDecision {
  allowed: boolean;
  /** Whole seconds until one request would be allowed again; 0 when allowed. */
  retryAfterSeconds: number;
  /** Requests left right now (rounded down). */
  remaining: number;
  limit: number;
}

export interface RateLimiter {
  take(key: string): Promise<RateDecision>;
}
