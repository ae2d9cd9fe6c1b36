// The signed hand-off from the Workers intake to the core: what the edge checked and parsed, plus the
// original bytes for the audit archive. Signed with Standard Webhooks (EDGE_HANDOFF_SECRET) and sent
// with the source's own API key, so the core trusts neither the network nor the edge's word alone.
// Pure (Web APIs and zod only): both sides import it.
import { z } from 'zod';
import { OrderSubmission } from './order.js';
import { QualityNote } from './quality.js';

export const HANDOFF_PATH = '/v1/intake/edge';

export const EdgeHandoff = z.object({
  adapter: z
    .enum(['canonical', 'cn-12345', 'open311'])
    .describe('Which inbound adapter parsed the push at the edge'),
  contentType: z.string().max(300).describe('The Content-Type the platform sent'),
  idempotencyKey: z
    .string()
    .max(220)
    .optional()
    .describe('Idempotency-Key, or "webhook-id:<id>" of a verified signed push'),
  submission: OrderSubmission,
  quality: z.array(QualityNote),
  raw: z
    .string()
    // Padded base64 in whole quanta (what toBase64 writes): a length atob cannot decode is a 400 here.
    .regex(/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/, 'padded base64')
    .describe('The original request body, base64, archived byte for byte'),
});
export type EdgeHandoff = z.infer<typeof EdgeHandoff>;

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export function fromBase64(b64: string): Uint8Array {
  return Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
}
