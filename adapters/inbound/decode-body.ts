// Bytes to text for bodies that may be UTF-8, GBK or GB18030, whatever the Content-Type claims.
// Hotline platforms still send GBK, often mislabelled or unlabelled, so the bytes decide:
// valid UTF-8 is UTF-8 (GBK text almost never is); a body that is UTF-8 but for a cut-off last
// character was truncated in transit and is refused; otherwise GB18030 (a superset of GBK and
// GB2312) is tried strictly, and bytes that are neither are refused rather than stored as garbage.
import type { QualityNote } from '../../contracts/quality.js';
import { InboundProblem } from './inbound-problem.js';
import type { Charset } from './content-type.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });
const gb18030 = new TextDecoder('gb18030', { fatal: true });

function isAscii(bytes: Uint8Array): boolean {
  for (const b of bytes) if (b >= 0x80) return false;
  return true;
}

function tryDecode(decoder: TextDecoder, bytes: Uint8Array): string | undefined {
  try {
    return decoder.decode(bytes);
  } catch {
    return undefined;
  }
}

/** Valid UTF-8 except for an incomplete sequence at the very end. */
function cutShortUtf8(bytes: Uint8Array): boolean {
  for (let cut = 1; cut <= 3 && cut < bytes.length; cut++) {
    const last = bytes[bytes.length - cut] ?? 0;
    if (last >= 0xc0) return tryDecode(utf8, bytes.subarray(0, bytes.length - cut)) !== undefined;
    if (last < 0x80) return false;
  }
  return false;
}

/** GBK text that happens to be valid UTF-8 decodes into Latin, Greek or Cyrillic letters, not Chinese. */
const UNLIKELY_IN_HOTLINE_TEXT = /[\u0080-\u07ff]/u;

export function decodeBody(
  bytes: Uint8Array,
  declared: Charset | undefined,
): { text: string; quality: QualityNote[] } {
  if (isAscii(bytes)) return { text: new TextDecoder().decode(bytes), quality: [] };
  const asUtf8 = tryDecode(utf8, bytes);
  if (asUtf8 !== undefined) {
    if (declared === undefined || declared === 'utf-8') return { text: asUtf8, quality: [] };
    if (!UNLIKELY_IN_HOTLINE_TEXT.test(asUtf8)) {
      return {
        text: asUtf8,
        quality: [
          {
            flag: 'charset_declared_wrong',
            field: 'body',
            detail: `declared ${declared}, the bytes are UTF-8`,
          },
        ],
      };
    }
  }
  if (declared !== 'gbk' && declared !== 'gb18030' && cutShortUtf8(bytes)) {
    throw new InboundProblem(
      400,
      'truncated_body',
      'The body was cut short',
      'The body ends in the middle of a UTF-8 character; it was truncated on the way. Send it again whole.',
    );
  }
  const asGb = tryDecode(gb18030, bytes);
  if (asGb !== undefined) {
    if (declared === 'gbk' || declared === 'gb18030') return { text: asGb, quality: [] };
    return {
      text: asGb,
      quality: [
        declared === undefined
          ? {
              flag: 'charset_detected',
              field: 'body',
              detail: 'no charset declared; the bytes are GB18030/GBK',
            }
          : {
              flag: 'charset_declared_wrong',
              field: 'body',
              detail: `declared ${declared}, the bytes are GB18030/GBK`,
            },
      ],
    };
  }
  throw new InboundProblem(
    400,
    'invalid_encoding',
    'The body is in no charset this gateway reads',
    `The bytes are neither valid UTF-8 nor valid GB18030/GBK${declared ? ` (declared ${declared})` : ''}`,
  );
}
