// Standard Webhooks (standardwebhooks.com) signature check with Web Crypto, so the same code runs on
// Node and on Workers: HMAC-SHA256 over "<webhook-id>.<webhook-timestamp>.<body bytes>", keyed with
// the base64 secret after "whsec_", sent as "v1,<base64>"; several space-separated signatures allow
// key rotation, and a timestamp more than the tolerance away from now is refused (replay window).
export const DEFAULT_TOLERANCE_SECONDS = 5 * 60;
/** More signatures than this in one header is abuse, not rotation. */
const MAX_SIGNATURES = 10;

export type WebhookRejection =
  | 'missing_headers'
  | 'invalid_timestamp'
  | 'timestamp_too_old'
  | 'timestamp_too_new'
  | 'malformed_signature'
  | 'no_matching_signature';

export interface WebhookHeaders {
  id: string | undefined;
  timestamp: string | undefined;
  signature: string | undefined;
}

export type WebhookVerdict =
  | { ok: true; id: string; timestamp: number }
  | { ok: false; reason: WebhookRejection; missing?: string[] };

export class WebhookSecretError extends Error {}

/** "whsec_<base64>" (or bare base64) → key bytes. */
export function secretBytes(secret: string): Uint8Array {
  const b64 = secret.startsWith('whsec_') ? secret.slice('whsec_'.length) : secret;
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(b64))
    throw new WebhookSecretError('a webhook secret must be "whsec_" followed by base64');
  const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
  if (bytes.length < 16)
    throw new WebhookSecretError('a webhook secret must hold at least 16 bytes');
  return bytes;
}

export async function importSecret(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey(
    'raw',
    secretBytes(secret) as Uint8Array<ArrayBuffer>,
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign', 'verify'],
  );
}

function signedContent(id: string, timestamp: string, body: Uint8Array): Uint8Array<ArrayBuffer> {
  const prefix = new TextEncoder().encode(`${id}.${timestamp}.`);
  const out = new Uint8Array(prefix.length + body.length);
  out.set(prefix);
  out.set(body, prefix.length);
  return out;
}

/** The "v1,<base64>" signature for a message: what a sender (or a test) puts in webhook-signature. */
export async function sign(
  key: CryptoKey,
  id: string,
  timestamp: number,
  body: Uint8Array,
): Promise<string> {
  const mac = new Uint8Array(
    await crypto.subtle.sign('HMAC', key, signedContent(id, String(timestamp), body)),
  );
  return `v1,${btoa(String.fromCharCode(...mac))}`;
}

function decodeBase64(s: string): Uint8Array<ArrayBuffer> | undefined {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(s)) return undefined;
  try {
    return Uint8Array.from(atob(s), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}

export async function verify(
  headers: WebhookHeaders,
  body: Uint8Array,
  keys: readonly CryptoKey[],
  nowSeconds: number,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Promise<WebhookVerdict> {
  const given = {
    'webhook-id': headers.id,
    'webhook-timestamp': headers.timestamp,
    'webhook-signature': headers.signature,
  };
  const missing = Object.entries(given)
    .filter(([, v]) => v === undefined || v === '')
    .map(([k]) => k);
  if (
    missing.length > 0 ||
    headers.id === undefined ||
    headers.timestamp === undefined ||
    headers.signature === undefined
  )
    return { ok: false, reason: 'missing_headers', missing };
  if (!/^\d{1,12}$/.test(headers.timestamp)) return { ok: false, reason: 'invalid_timestamp' };
  const timestamp = Number(headers.timestamp);
  if (timestamp < nowSeconds - toleranceSeconds) return { ok: false, reason: 'timestamp_too_old' };
  if (timestamp > nowSeconds + toleranceSeconds) return { ok: false, reason: 'timestamp_too_new' };
  const candidates = headers.signature
    .split(' ')
    .filter((s) => s !== '')
    .slice(0, MAX_SIGNATURES);
  const v1 = candidates
    .filter((s) => s.startsWith('v1,'))
    .map((s) => decodeBase64(s.slice(3)))
    .filter((b): b is Uint8Array<ArrayBuffer> => b !== undefined && b.length === 32);
  if (v1.length === 0)
    return {
      ok: false,
      reason: candidates.some((s) => s.startsWith('v1,'))
        ? 'malformed_signature'
        : 'no_matching_signature',
    };
  const content = signedContent(headers.id, headers.timestamp, body);
  for (const key of keys) {
    for (const mac of v1) {
      // subtle.verify compares in constant time.
      if (await crypto.subtle.verify('HMAC', key, mac, content))
        return { ok: true, id: headers.id, timestamp };
    }
  }
  return { ok: false, reason: 'no_matching_signature' };
}
