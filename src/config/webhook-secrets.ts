// Per-source Standard Webhooks secrets, resolved once at start from the environment variables that
// principals.json names. A missing or malformed secret stops the gateway with the principal and the
// variable named, never the secret's value.
import type { PrincipalEntry } from '../../contracts/principals.js';
import { importSecret, WebhookSecretError } from '../webhooks/standard-webhooks.js';

export interface SourceWebhook {
  required: boolean;
  keys: CryptoKey[];
}

export type WebhookDirectory = ReadonlyMap<string, SourceWebhook>;

export class WebhookConfigError extends Error {}

export async function resolveWebhookSecrets(
  principals: readonly PrincipalEntry[],
  env: Record<string, string | undefined>,
): Promise<WebhookDirectory> {
  const out = new Map<string, SourceWebhook>();
  const problems: string[] = [];
  for (const p of principals) {
    if (!p.webhook) continue;
    if (p.role !== 'source') {
      problems.push(`principal ${p.id}: only sources push webhooks; remove "webhook"`);
      continue;
    }
    const keys: CryptoKey[] = [];
    for (const ref of p.webhook.secrets) {
      const where = 'env' in ref ? `environment variable ${ref.env}` : 'its inline demo secret';
      const secret = 'env' in ref ? env[ref.env] : ref.value;
      if (secret === undefined || secret === '') {
        problems.push(`principal ${p.id}: ${where} is not set`);
        continue;
      }
      try {
        keys.push(await importSecret(secret));
      } catch (err) {
        problems.push(
          `principal ${p.id}: ${where}: ${err instanceof WebhookSecretError ? err.message : 'not a usable secret'}`,
        );
      }
    }
    out.set(p.id, { required: p.webhook.required, keys });
  }
  if (problems.length > 0)
    throw new WebhookConfigError(`Webhook secrets:\n- ${problems.join('\n- ')}`);
  return out;
}
