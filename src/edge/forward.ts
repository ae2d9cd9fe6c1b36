// The hand-off itself: POST the checked order to the core, signed, with the source's own key. The core
// is idempotent on (source, externalId) and on the idempotency key, so a retry after a lost answer
// cannot make a second order. Connection failures, timeouts and 5xx are retried with doubling waits;
// when the core stays down the platform gets a 503 problem with Retry-After, never a false 202.
import { HttpProblem } from '../http/problem.js';
import { sign } from '../webhooks/standard-webhooks.js';
import { HANDOFF_PATH, type EdgeHandoff } from '../../contracts/edge-handoff.js';

export interface HandoffTarget {
  coreUrl: string;
  key: CryptoKey;
  attempts: number;
  backoffMs: number;
  timeoutMs: number;
}

/** What the platform is told to wait before pushing again when the core is down. */
export const CORE_DOWN_RETRY_AFTER_SECONDS = 30;

export async function handOff(
  target: HandoffTarget,
  apiKey: string,
  handoff: EdgeHandoff,
  requestId: string,
): Promise<Response> {
  const body = new TextEncoder().encode(JSON.stringify(handoff));
  const id = `edge_${crypto.randomUUID()}`;
  let last = '';
  for (let attempt = 1; attempt <= target.attempts; attempt++) {
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const res = await fetch(`${target.coreUrl}${HANDOFF_PATH}`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${apiKey}`,
          'content-type': 'application/json',
          'x-request-id': requestId,
          'webhook-id': id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': await sign(target.key, id, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(target.timeoutMs),
      });
      if (res.status < 500) {
        // The core's answer is the platform's answer: 202 with the order id, or the core's problem.
        const headers = new Headers({
          'content-type': res.headers.get('content-type') ?? 'application/json',
        });
        const location = res.headers.get('location');
        if (location) headers.set('location', location);
        headers.set('x-handoff-attempts', String(attempt));
        return new Response(await res.arrayBuffer(), { status: res.status, headers });
      }
      await res.body?.cancel();
      last = `the core answered ${res.status}`;
    } catch (err) {
      last =
        err instanceof Error && err.name === 'TimeoutError'
          ? `no answer from the core within ${target.timeoutMs} ms`
          : 'the core is unreachable';
    }
    if (attempt < target.attempts)
      await new Promise((r) => setTimeout(r, target.backoffMs * 2 ** (attempt - 1)));
  }
  throw new HttpProblem(
    503,
    'core_unavailable',
    'The gateway core is unavailable',
    `The order was checked at the edge but not stored: ${last} after ${target.attempts} attempts. Nothing was accepted; push it again later.`,
    undefined,
    { 'retry-after': String(CORE_DOWN_RETRY_AFTER_SECONDS) },
  );
}
