// Signed pushes: when a source has Standard Webhooks secrets, a push carrying webhook-* headers must
// verify, and a source marked `required` must sign every push. A refusal names the reason (missing
// header, bad or stale timestamp, no matching signature) and never anything about the secret.
import type { Context } from 'hono';
import {
  DEFAULT_TOLERANCE_SECONDS,
  verify,
  type WebhookRejection,
} from '../../webhooks/standard-webhooks.js';
import type { AppDeps, AppEnv } from '../deps.js';
import { HttpProblem } from '../problem.js';

const explain: Record<WebhookRejection, string> = {
  missing_headers: 'Signed pushes need webhook-id, webhook-timestamp and webhook-signature',
  invalid_timestamp: 'webhook-timestamp must be whole seconds since 1970-01-01 UTC',
  timestamp_too_old: 'webhook-timestamp is older than the tolerance: a stale or replayed message',
  timestamp_too_new: 'webhook-timestamp is too far in the future: check the sender clock',
  malformed_signature:
    'webhook-signature must be "v1,<base64 HMAC-SHA256>", space-separated when several',
  no_matching_signature:
    'No signature in webhook-signature matches a secret configured for this source',
};

/** The verified webhook id, or undefined for an unsigned push that this source may send. */
export async function checkSignature(
  c: Context<AppEnv>,
  deps: Pick<AppDeps, 'intake' | 'clock'>,
  body: Uint8Array,
): Promise<string | undefined> {
  const principal = c.get('principal');
  const config = deps.intake?.webhooks?.get(principal.id);
  const headers = {
    id: c.req.header('webhook-id'),
    timestamp: c.req.header('webhook-timestamp'),
    signature: c.req.header('webhook-signature'),
  };
  const signed =
    headers.id !== undefined || headers.timestamp !== undefined || headers.signature !== undefined;
  if (!signed && !config?.required) return undefined;
  if (!config || config.keys.length === 0) {
    throw new HttpProblem(
      401,
      'signature_not_configured',
      'Signature cannot be checked',
      `The push is signed but no webhook secret is configured for source ${principal.id}; ask the operator to add one, or send it unsigned`,
    );
  }
  const tolerance = deps.intake?.webhookToleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  const verdict = await verify(
    headers,
    body,
    config.keys,
    Math.floor(deps.clock.now().getTime() / 1000),
    tolerance,
  );
  if (verdict.ok) {
    if (!/^[\x21-\x7e]{1,180}$/.test(verdict.id))
      throw new HttpProblem(
        400,
        'validation_failed',
        'The request is not valid',
        'webhook-id must be 1-180 printable ASCII characters',
        [
          {
            path: 'header.webhook-id',
            message: 'printable ASCII without spaces, at most 180 characters',
          },
        ],
      );
    return verdict.id;
  }
  const detail =
    verdict.reason === 'missing_headers' && !signed
      ? `Source ${principal.id} must sign every push (Standard Webhooks)`
      : `${explain[verdict.reason]}${verdict.missing && verdict.missing.length > 0 ? `; missing: ${verdict.missing.join(', ')}` : ''}`;
  throw new HttpProblem(
    401,
    `signature_${verdict.reason}`,
    'Webhook signature refused',
    detail,
    undefined,
    { 'www-authenticate': 'Standard-Webhooks' },
  );
}
