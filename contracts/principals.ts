// Who may call the gateway: API keys per principal, stored as SHA-256 hashes, never in clear.
import { z } from 'zod';

export const PrincipalRole = z.enum(['source', 'station', 'auditor', 'admin']);
export type PrincipalRole = z.infer<typeof PrincipalRole>;

export const PrincipalEntry = z.object({
  id: z.string().min(1).describe('For a station: its station id; for a source: the hotline platform id'),
  role: PrincipalRole,
  name: z.string().optional(),
  keyHashes: z.array(z.string().regex(/^sha256:[0-9a-f]{64}$/, 'sha256:<64 hex digits>')).min(1).describe('Several allow key rotation'),
  demo: z.boolean().default(false).describe('A published demo key: refused when GATEWAY_ENV=production'),
});
export type PrincipalEntry = z.infer<typeof PrincipalEntry>;

export const PrincipalsFile = z.object({ principals: z.array(PrincipalEntry).min(1) });
export type PrincipalsFile = z.infer<typeof PrincipalsFile>;
