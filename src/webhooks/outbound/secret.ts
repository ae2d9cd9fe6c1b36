// A fresh Standard Webhooks signing secret for a subscription: "whsec_" + 32 random bytes in base64.
export function newWebhookSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/** Subscription and message ids: a prefix and 20 random base32 characters. */
export function newId(prefix: 'sub' | 'msg'): string {
  const alphabet = '0123456789abcdefghjkmnpqrstvwxyz';
  return `${prefix}_${[...crypto.getRandomValues(new Uint8Array(20))].map((b) => alphabet[b % 32]).join('')}`;
}
