// canonical: the gateway's own JSON (contracts/order.ts), UTF-8 only, as POST /v1/orders has always
// taken it. Vendors that can produce it need no other adapter.
import { jsonValue, utf8Text } from '../../../contracts/json-body.js';
import { InboundProblem } from '../inbound-problem.js';
import { declaredCharset } from '../content-type.js';
import type { InboundAdapter, InboundResult } from '../inbound-adapter.js';

export const canonicalAdapter: InboundAdapter = {
  name: 'canonical',
  mediaTypes: ['application/json'],
  parse(body: Uint8Array, contentType: string): InboundResult {
    const charset = declaredCharset(contentType);
    if (charset !== undefined && charset !== 'utf-8') {
      throw new InboundProblem(
        415,
        'unsupported_charset',
        'Unsupported charset',
        `JSON must be UTF-8, got charset=${charset}; GBK bodies go to /v1/intake/cn-12345`,
      );
    }
    const submission = jsonValue(utf8Text(body));
    return { submission, quality: [], labels: {}, ...claimedSource(submission) };
  },
};

/** A `source` in the body is the platform's claim of who it is; the key decides whether it may. */
function claimedSource(submission: unknown): { source?: { value: unknown; label: string } } {
  if (submission === null || typeof submission !== 'object' || !Object.hasOwn(submission, 'source'))
    return {};
  return { source: { value: (submission as { source: unknown }).source, label: 'source' } };
}
