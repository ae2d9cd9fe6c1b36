// Per-source rate limits on intake: a 429 with Retry-After when a source pushes faster than its
// bucket refills, before the body is even read.
import type { Context } from 'hono';
import type { AppDeps, AppEnv } from '../deps.js';
import { HttpProblem } from '../problem.js';

export async function enforceRateLimit(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'intake'>,
): Promise<void> {
  const limiter = deps.intake?.rateLimiter;
  if (!limiter) return;
  const principal = c.get('principal');
  const d = await limiter.take(`intake:${principal.id}`);
  c.header('ratelimit-limit', String(d.limit));
  c.header('ratelimit-remaining', String(d.remaining));
  if (!d.allowed) {
    throw new HttpProblem(
      429,
      'rate_limited',
      'Too many requests',
      `Source ${principal.id} is over its intake rate; retry after ${d.retryAfterSeconds} s`,
      undefined,
      { 'retry-after': String(d.retryAfterSeconds) },
    );
  }
}
