// Mojibake: UTF-8 bytes that some system decoded as GBK ("华龙苑" arriving as "鍗庨緳鑻"). Each run
// of non-ASCII text is encoded back to GBK; when those bytes are valid UTF-8 the run was mojibake and
// the UTF-8 reading is the repair. Clean Chinese almost never survives that round trip (GBK's byte
// pairs rarely form UTF-8 sequences), which is what keeps 显著 or 皇后 untouched. Runs whose last byte
// was lost ("鍗庨緳鑻?") are repaired up to it and keep a "?" for the lost-character check.
import { encodeGbk } from './gbk-codec.js';

const RUN = /[^\x00-\x7f]{2,}\??/gu;
/** Characters that only ever show up as UTF-8-read-as-GBK residue (銆 from "。", 鈥 from "“", 锛 from "，", 锟斤拷 from U+FFFD). */
const RESIDUE = /銆|鈥|锛|锟斤拷|锘/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A decoded run must read as text: letters, Han, common punctuation; no controls. */
const PLAUSIBLE = /^[\p{Script=Han}\p{L}\p{N}\p{P}\p{Zs}\u3000-\u303f\uff00-\uffef]+$/u;

function repairRun(run: string): { text: string; lost: boolean } | undefined {
  const lostTail = run.endsWith('?');
  const body = lostTail ? run.slice(0, -1) : run;
  const bytes = encodeGbk(body);
  if (!bytes || bytes.every((b) => b < 0x80)) return undefined;
  for (let cut = 0; cut <= (lostTail ? 3 : 0); cut++) {
    try {
      const text = utf8.decode(bytes.subarray(0, bytes.length - cut));
      if (!PLAUSIBLE.test(text) || [...text].length >= [...body].length) continue;
      return lostTail ? { text: `${text}?`, lost: true } : { text, lost: false };
    } catch {
      // not UTF-8 at this length: try without the last byte(s) of a sequence the loss cut short
    }
  }
  return undefined;
}

export function repairMojibake(text: string): { text: string; repaired: boolean; suspected: boolean; lost: boolean } {
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
