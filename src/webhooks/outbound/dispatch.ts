// Sends what is due: each pending delivery that heads its lane (one subscription, one order) gets one
// signed attempt; the outcome is recorded with the attempt, and the retry schedule decides what next.
// 2xx delivered; 410 Gone disables the subscription; anything else is retried, then dead.
import { importSecret, sign } from '../standard-webhooks.js';
import type { DeliveryStore, StoredDelivery } from '../../ports/delivery-store.js';
import type { Clock } from '../../ports/order-store.js';
import { parseRetryAfter, retryDelay } from './retry-schedule.js';
import type { WebhookSender } from '../../ports/webhook-sender.js';

export interface DispatchDeps {
  deliveries: DeliveryStore;
  sender: WebhookSender;
  clock: Clock;
  /** In [0, 1), for the jitter; tests pass () => 0.5 to get the schedule exactly. */
  random: () => number;
}

const keys = new Map<string, Promise<CryptoKey>>();
const keyFor = (secret: string): Promise<CryptoKey> => {
  let key = keys.get(secret);
  if (!key) {
    if (keys.size > 10_000) keys.clear();
    key = importSecret(secret);
    keys.set(secret, key);
  }
  return key;
};

async function attempt(deps: DispatchDeps, d: StoredDelivery): Promise<void> {
  const startedAt = deps.clock.now();
  const sub = await deps.deliveries.subscription(d.subscriptionId);
  if (!sub || sub.status !== 'active') {
    await deps.deliveries.recordAttempt(
      d.id,
      { at: startedAt.toISOString(), error: 'subscription disabled', durationMs: 0 },
      { status: 'dead' },
    );
    return;
  }
  const timestamp = Math.floor(startedAt.getTime() / 1000);
  const body = new TextEncoder().encode(d.payload);
  const headers = {
    'content-type': 'application/json',
    'user-agent': 'hotline-gateway-webhooks/1',
    'webhook-id': d.id,
    'webhook-timestamp': String(timestamp),
    'webhook-signature': await sign(await keyFor(sub.secret), d.id, timestamp, body),
  };
  const t0 = performance.now();
  const result = await deps.sender.send({ url: sub.url, headers, body: d.payload });
  const durationMs = Math.round(performance.now() - t0);
  const at = startedAt.toISOString();
  if (result.ok) {
    await deps.deliveries.recordAttempt(
      d.id,
      { at, status: result.status, durationMs },
      { status: 'delivered' },
    );
    return;
  }
  const record = {
    at,
    ...(result.status !== undefined ? { status: result.status } : {}),
    error: result.error,
    durationMs,
  };
  if (result.status === 410) {
    await deps.deliveries.recordAttempt(d.id, record, {
      status: 'gone',
      reason: `the endpoint answered 410 Gone at ${at}`,
    });
    return;
  }
  const now = deps.clock.now().getTime();
  const delay = retryDelay(
    d.attempts.length + 1,
    deps.random(),
    parseRetryAfter(result.retryAfter, now),
  );
  await deps.deliveries.recordAttempt(
    d.id,
    record,
    delay === null ? { status: 'dead' } : { status: 'pending', nextAttemptAt: now + delay },
  );
}

/** One round: attempts every due lane head (in parallel, at most `limit`); returns how many. */
export async function dispatchDue(deps: DispatchDeps, limit = 100): Promise<number> {
  const due = await deps.deliveries.due(deps.clock.now().getTime(), limit);
  await Promise.all(due.map((d) => attempt(deps, d)));
  return due.length;
}
