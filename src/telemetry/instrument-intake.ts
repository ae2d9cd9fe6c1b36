// Intake-side counters from the ports the routes already use: rate-limit refusals by source (the
// limiter's key is `intake:<source id>`), and long-poll waiters (a station pull held open).
import type { InboxNotifier } from '../ports/order-store.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import { instruments } from './instruments.js';

export function instrumentRateLimiter(limiter: RateLimiter): RateLimiter {
  return {
    take: async (key) => {
      const decision = await limiter.take(key);
      if (!decision.allowed)
        instruments().rateLimited.add(1, { source: key.replace(/^intake:/, '') });
      return decision;
    },
  };
}

export function instrumentNotifier<T extends InboxNotifier>(notifier: T): T {
  return new Proxy(notifier, {
    get(target, prop) {
      if (prop === 'wait')
        return async (stationId: string, timeoutMs: number, signal?: AbortSignal) => {
          const waiters = instruments().longPollWaiters;
          waiters.add(1);
          try {
            return await target.wait(stationId, timeoutMs, signal);
          } finally {
            waiters.add(-1);
          }
        };
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function'
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });
}
