// Mojibake: UTF-8 bytes that some system decoded as GBK ("华龙苑" arriving as "鍗庨緳鑻"). Each run
// of non-ASCII text is encoded back to GBK; when those bytes are valid UTF-8 the run was mojibake and
// the UTF-8 reading is the repair. Clean Chinese almost never survives that round trip (GBK's byte
// pairs rarely form UTF-8 sequences), which is what keeps 显著 or 皇后 untouched. Runs whose last byte
// was lost ("鍗庨緳鑻?", or U+FFFD) are repaired up to it and keep a "?" for the lost-character check.
import { encodeGbk } from './gbk-codec.js';

const RUN = /[^\p{ASCII}\ufffd]{2,}[?\ufffd]?/gu;
/** Characters that only ever show up as UTF-8-read-as-GBK residue (銆 from "。", 鈥 from "“", 锛 from "，", 锟斤拷 from U+FFFD). */
const RESIDUE = /銆|鈥|锛|锟斤拷|锘/u;
const utf8 = new TextDecoder('utf-8');

/** A decoded run must read as text: letters, Han, common punctuation; no controls. */
const PLAUSIBLE = /^[\p{Script=Han}\p{L}\p{N}\p{P}\p{Zs}\u3000-\u303f\uff00-\uffef]+$/u;

/** Length of the valid UTF-8 prefix of `bytes` (no exceptions: this runs on every clean text too). */
function validUtf8Prefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] ?? 0;
    const need =
      b < 0x80
        ? 0
        : b >= 0xc2 && b <= 0xdf
          ? 1
          : b >= 0xe0 && b <= 0xef
            ? 2
            : b >= 0xf0 && b <= 0xf4
              ? 3
              : -1;
    if (need < 0 || i + need >= bytes.length + (need === 0 ? 1 : 0)) return i;
    for (let k = 1; k <= need; k++) if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80) return i;
    i += need + 1;
  }
  return i;
}

function repairRun(run: string): { text: string; lost: boolean } | undefined {
  // Cheap filter first: mojibake of UTF-8 starts with a UTF-8 lead byte (0xC2-0xF4) as its first GBK byte.
  const first = encodeGbk(run.slice(0, 1));
  if (!first || (first[0] ?? 0) < 0xc2 || (first[0] ?? 0) > 0xf4) return undefined;
  const lostTail = run.endsWith('?') || run.endsWith('\ufffd');
  const body = lostTail ? run.slice(0, -1) : run;
  const bytes = encodeGbk(body);
  if (!bytes) return undefined;
  const valid = validUtf8Prefix(bytes);
  // Whole run valid; or, when a byte was lost at the end, valid up to the last (cut) sequence.
  if (valid < bytes.length && !(lostTail && bytes.length - valid <= 3)) return undefined;
  const text = utf8.decode(bytes.subarray(0, valid));
  if (!PLAUSIBLE.test(text) || [...text].length >= [...body].length) return undefined;
  return lostTail ? { text: `${text}?`, lost: true } : { text, lost: false };
}

export function repairMojibake(text: string): {
  text: string;
  repaired: boolean;
  suspected: boolean;
  lost: boolean;
} {
  let repaired = false;
  let lost = false;
  const out = text.replace(RUN, (run) => {
    const fixed = repairRun(run);
    if (fixed === undefined) return run;
    repaired = true;
    lost ||= fixed.lost;
    return fixed.text;
  });
  return { text: out, repaired, lost, suspected: RESIDUE.test(out) };
}
