// Who may call the gateway: API keys per principal, stored as SHA-256 hashes, never in clear.
import { z } from 'zod';

export const PrincipalRole = z.enum([
  'source',
  'station',
  'dispatcher',
  'auditor',
  'supervisor',
  'admin',
]);
export type PrincipalRole = z.infer<typeof PrincipalRole>;

/**
 * One Standard Webhooks secret of a source: the name of the environment variable that holds it
 * ("whsec_<base64>"), or, for the bundled demo only, the secret itself with demo: true (refused in
 * production like demo keys).
 */
export const WebhookSecretRef = z.union([
  z.object({ env: z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'an environment variable name') }).strict(),
  z
    .object({
      value: z.string().startsWith('whsec_'),
      demo: z.literal(true).describe('Inline secrets are published demo secrets only'),
    })
    .strict(),
]);
export type WebhookSecretRef = z.infer<typeof WebhookSecretRef>;

export const WebhookConfig = z.object({
  required: z
    .boolean()
    .default(false)
    .describe(
      'true: unsigned pushes from this source are refused; false: signatures are checked when sent',
    ),
  secrets: z
    .array(WebhookSecretRef)
    .min(1)
    .max(5)
    .describe('Several allow rotation: a signature made with any of them is accepted'),
});
export type WebhookConfig = z.infer<typeof WebhookConfig>;

export const PrincipalEntry = z.object({
  id: z
    .string()
    .min(1)
    .describe('For a station: its station id; for a source: the hotline platform id'),
  role: PrincipalRole,
  name: z.string().optional(),
  keyHashes: z
    .array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex digits>'))
    .min(1)
    .describe('Several allow key rotation'),
  demo: z
    .boolean()
    .default(false)
    .describe('A published demo key: refused when GATEWAY_ENV=production'),
  scope: z
    .string()
    .regex(/^\d{6}(\d{3})?$/, 'a 6-digit district or 9-digit street code')
    .optional()
    .describe('Auditors only: sees only orders and figures under this district or street'),
  region: z
    .string()
    .regex(/^\d{6}(?:\d{3}){0,2}$/, 'a 6-, 9- or 12-digit division code')
    .optional()
    .describe(
      "Sources only: the division code of the platform's home region (110000 for Beijing 12345). Breaks ties between places of the same name; absent: no prior",
    ),
  webhook: WebhookConfig.optional().describe(
    'Sources only: Standard Webhooks signature secrets for signed pushes',
  ),
});
export type PrincipalEntry = z.infer<typeof PrincipalEntry>;

export const PrincipalsFile = z.object({ principals: z.array(PrincipalEntry).min(1) });
export type PrincipalsFile = z.infer<typeof PrincipalsFile>;
