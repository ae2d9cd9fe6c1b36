// What the intake routes need beyond the core deps. Each part is optional so a gateway without
// them still runs: no rate limiter means no limit, no webhook directory means no source has secrets.
import type { Open311Service } from '../../../contracts/open311.js';
import type { WebhookDirectory } from '../../config/webhook-secrets.js';
import type { RateLimiter } from '../../ports/rate-limiter.js';

export interface IntakeOptions {
  rateLimiter?: RateLimiter;
  webhooks?: WebhookDirectory;
  /** Replay window of signed pushes; Standard Webhooks recommends five minutes. */
  webhookToleranceSeconds?: number;
  open311Services?: readonly Open311Service[];
  /** OPEN311_PUBLIC_READ: GET Open311 requests without a key, inside this division code, no personal data. */
  open311Public?: { scope: string };
}
