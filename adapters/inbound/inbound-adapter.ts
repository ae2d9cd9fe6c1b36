// The shape every inbound adapter has: raw bytes and a content type in, a candidate canonical
// submission out (still to be checked by the OrderSubmission contract) plus what was noticed on the way.
import type { QualityNote } from '../../contracts/quality.js';

export interface InboundResult {
  /** The canonical submission as far as the vendor format allows; Zod checks it next. */
  submission: unknown;
  quality: QualityNote[];
  /** Canonical field path → the vendor's own field name, so errors name what the sender sent. */
  labels: Record<string, string>;
  /** The source the body names itself (canonical `source`), as sent, with the sender's field name. */
  source?: { value: unknown; label: string };
}

export interface InboundAdapter {
  name: string;
  /** Media types accepted (without parameters); anything else is a 415 before the body is read. */
  mediaTypes: readonly string[];
  parse(body: Uint8Array, contentType: string): InboundResult;
}
