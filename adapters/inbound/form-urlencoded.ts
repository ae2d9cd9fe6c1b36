// application/x-www-form-urlencoded with a charset: the percent-escapes are bytes in that charset
// (GBK forms are common), so they are collected as bytes and decoded together, never as UTF-8 first.
import type { QualityNote } from '../../contracts/quality.js';
import { InboundProblem } from './inbound-problem.js';
import type { Charset } from './content-type.js';
import { decodeBody } from './decode-body.js';

function percentBytes(s: string, name: string): Uint8Array {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const ch = s.charCodeAt(i);
    if (ch === 0x25) {
      const hex = s.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex))
        throw new InboundProblem(
          400,
          'malformed_form',
          'Malformed form body',
          `A "%" in ${name} is not followed by two hex digits`,
        );
      out.push(parseInt(hex, 16));
      i += 2;
    } else if (ch === 0x2b) out.push(0x20);
    else if (ch < 0x80) out.push(ch);
    else
      throw new InboundProblem(
        400,
        'malformed_form',
        'Malformed form body',
        'Form bodies must percent-encode non-ASCII bytes',
      );
  }
  return Uint8Array.from(out);
}

/** Field name → value (repeated names give arrays). Quality notes come from charset detection. */
export function parseForm(
  body: Uint8Array,
  declared: Charset | undefined,
): { fields: Record<string, string | string[]>; quality: QualityNote[] } {
  for (const b of body)
    if (b >= 0x80)
      throw new InboundProblem(
        400,
        'malformed_form',
        'Malformed form body',
        'Form bodies must percent-encode non-ASCII bytes',
      );
  const text = new TextDecoder().decode(body);
  const pairs = text.split('&').filter((p) => p !== '');
  // Decode all names and values in one pass so charset detection sees every byte at once; NUL
  // separates them (a NUL inside a field is refused, it has no place in hotline text).
  const joined: number[] = [];
  const add = (bytes: Uint8Array) => {
    for (const b of bytes) {
      if (b === 0)
        throw new InboundProblem(
          400,
          'malformed_form',
          'Malformed form body',
          'A field contains a NUL byte (%00)',
        );
      joined.push(b);
    }
    joined.push(0);
  };
  for (const p of pairs) {
    const eq = p.indexOf('=');
    add(percentBytes(eq < 0 ? p : p.slice(0, eq), 'a field name'));
    add(percentBytes(eq < 0 ? '' : p.slice(eq + 1), 'a field value'));
  }
  const { text: decoded, quality } = decodeBody(Uint8Array.from(joined), declared);
  const parts = decoded.split('\u0000');
  const map = new Map<string, string | string[]>();
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const name = parts[i] ?? '';
    const value = parts[i + 1] ?? '';
    const prior = map.get(name);
    map.set(
      name,
      prior === undefined ? value : Array.isArray(prior) ? [...prior, value] : [prior, value],
    );
  }
  // fromEntries makes "__proto__" an ordinary field, never the object's prototype.
  const fields = Object.fromEntries(map) as Record<string, string | string[]>;
  return { fields, quality };
}
