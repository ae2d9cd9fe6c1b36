// When to try a failed delivery again: immediately, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h
// (the schedule of issue 7, as Svix and Standard Webhooks senders use), each with ±jitter so that a
// receiver coming back up is not hit by every queued delivery in the same second. A Retry-After the
// receiver sent is honoured: never sooner than it asked (capped, so a hostile header cannot park a
// delivery for ever). After the last attempt the delivery is dead (the dead-letter list).
export const RETRY_DELAYS_MS: readonly number[] = [
  5_000,
  5 * 60_000,
  30 * 60_000,
  2 * 3_600_000,
  5 * 3_600_000,
  10 * 3_600_000,
  10 * 3_600_000,
];
/** The first attempt plus one per delay. */
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;
export const JITTER = 0.1;
export const MAX_RETRY_AFTER_MS = 24 * 3_600_000;

/**
 * The wait before the next attempt after `attemptsMade` attempts have failed, or null when none is
 * left. `random` is in [0, 1); 0.5 gives the schedule exactly.
 */
export function retryDelay(
  attemptsMade: number,
  random: number,
  retryAfterMs?: number,
): number | null {
  const base = RETRY_DELAYS_MS[attemptsMade - 1];
  if (base === undefined) return null;
  const jittered = Math.round(base * (1 + JITTER * (2 * random - 1)));
  return retryAfterMs === undefined
    ? jittered
    : Math.max(jittered, Math.min(retryAfterMs, MAX_RETRY_AFTER_MS));
}

/** Retry-After as delta-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, nowMs: number): number | undefined {
  if (value === undefined) return undefined;
  const v = value.trim();
  if (/^\d{1,9}$/.test(v)) return Number(v) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}
