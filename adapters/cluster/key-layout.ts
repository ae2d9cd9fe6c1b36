// The version of the Redis key layout (which keys the cluster views use and what they hold), kept at
// `<prefix>meta:layout`. A gateway checks it at start: a new, empty Redis is stamped with this build's
// layout; views written in another layout (or by a release from before layouts were versioned, which
// left no stamp) are never read as if they were this one: the views are marked not ready, so writes
// are refused (503) until `npm run views:rebuild` folds them again from the Kafka log and stamps the
// layout. Bump KEY_LAYOUT whenever a change to adapters/cluster makes old views unreadable.
import type { Redis } from 'ioredis';

export const KEY_LAYOUT = 1;

export type LayoutCheck =
  | { status: 'current' }
  | { status: 'stamped' }
  | { status: 'rebuild_needed'; found: number | null };

export async function checkKeyLayout(redis: Redis, prefix: string): Promise<LayoutCheck> {
  const raw = await redis.get(`${prefix}meta:layout`);
  if (raw !== null && Number(raw) === KEY_LAYOUT) return { status: 'current' };
  if (raw === null) {
    const [ready, orders] = await Promise.all([
      redis.exists(`${prefix}meta:ready`),
      redis.zcard(`${prefix}idx:all`),
    ]);
    if (ready === 0 && orders === 0) {
      // Nothing in this Redis yet (or a rebuild is pending anyway): it will be written in our layout.
      await redis.set(`${prefix}meta:layout`, String(KEY_LAYOUT), 'NX');
      return { status: 'stamped' };
    }
  }
  await redis.del(`${prefix}meta:ready`);
  return { status: 'rebuild_needed', found: raw === null ? null : Number(raw) };
}

/** Called by `views:rebuild` once the views are folded again in this build's layout. */
export async function stampKeyLayout(redis: Redis, prefix: string): Promise<void> {
  await redis.set(`${prefix}meta:layout`, String(KEY_LAYOUT));
}
