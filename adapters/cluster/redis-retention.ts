// Retention of what the cluster keeps in Redis beyond the views: the original request bytes of each
// order (`raw:<id>`, up to BODY_LIMIT_BYTES each, the largest thing Redis holds per order) are removed
// RAW_RETENTION_DAYS after the order's call (`receivedAt`). The Kafka record of the order's creation
// still carries them (hotline.order-events keeps records for ever), so `npm run views:rebuild` or a
// reader of the topic can still get them; the API answers 204 for them. Timelines are not trimmed:
// the views, a reopen, the SLA repair and the webhook projection read an order's events by seq.
// Views are never removed either, so the inbox indexes (idx:st, 协办 idx:as:<station>) never name an
// order that is gone: unlike the embedded archive, there is nothing of theirs to delete here.
// Orders are swept in arrival order from a cursor, so each removal is one Lua call and a sweep never
// rescans; an order whose call is older than an order that arrived before it waits for that one
// (raw bytes are kept at least, never less than, the configured days). Safe in every process at once.
import type { Redis } from 'ioredis';

// ARGV: prefix, cutoff (received ms at or before which raw bytes go), limit → {removed, cursor}
const sweepRaw = `
local P = ARGV[1]
local cutoff, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
local cursor = tonumber(redis.call('GET', P..'meta:raw-retention') or '0')
local start = cursor
local rows = redis.call('ZRANGE', P..'idx:all', '(' .. cursor, '+inf', 'BYSCORE', 'LIMIT', 0, limit, 'WITHSCORES')
local removed = 0
for i = 1, #rows, 2 do
  local recv = tonumber(redis.call('HGET', P..'o:'..rows[i], 'recv') or '0')
  if recv > cutoff then break end
  removed = removed + redis.call('DEL', P..'raw:'..rows[i])
  cursor = tonumber(rows[i + 1])
end
if cursor > start then
  local now = tonumber(redis.call('GET', P..'meta:raw-retention') or '0')
  if cursor > now then redis.call('SET', P..'meta:raw-retention', cursor) end
end
return {removed, cursor}
`;

const DAY_MS = 86_400_000;

export interface RawRetention {
  /** One pass: removes raw bytes of orders whose call is older than the policy, up to `limit` orders. */
  sweep(nowMs: number, limit?: number): Promise<{ removed: number }>;
  stop(): void;
}

/**
 * Sweeps now and then every `everyMs` (default 10 min); `days` 0 keeps raw bytes for ever (no sweep).
 * `onError` hears a failed pass; the next one tries again.
 */
export function startRawRetention(options: {
  redis: Redis;
  prefix: string;
  days: number;
  now: () => number;
  everyMs?: number;
  onError: (err: unknown) => void;
}): RawRetention {
  const { redis, prefix, days } = options;
  redis.defineCommand('hg_sweepRaw', { numberOfKeys: 0, lua: sweepRaw });
  const call = (redis as unknown as Record<string, (...a: (string | number)[]) => Promise<unknown>>)
    .hg_sweepRaw;
  const sweep = async (nowMs: number, limit = 1000) => {
    if (days <= 0 || !call) return { removed: 0 };
    let removed = 0;
    let last = -1;
    // Catch up in batches: a first sweep over a long-lived cluster may have months to remove.
    for (let round = 0; round < 100; round++) {
      const [n, cursor] = (await call.call(redis, prefix, nowMs - days * DAY_MS, limit)) as [
        number,
        number,
      ];
      removed += n;
      if (cursor === last) break;
      last = cursor;
    }
    return { removed };
  };
  let running = false;
  const tick = () => {
    if (running) return;
    running = true;
    sweep(options.now())
      .catch(options.onError)
      .finally(() => {
        running = false;
      });
  };
  const timer = days > 0 ? setInterval(tick, options.everyMs ?? 600_000) : undefined;
  timer?.unref();
  if (days > 0) tick();
  return { sweep, stop: () => clearInterval(timer) };
}
