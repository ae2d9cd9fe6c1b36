// The other common path of mojibake: UTF-8 bytes that a system decoded as Latin-1 or Windows-1252
// ("简体中文" arriving as "ç®€ä½“ä¸­æ–‡"). Each run of such characters is turned back into the bytes
// those code pages would have read; when the bytes are valid UTF-8 and read as Chinese, that reading is
// the repair. A run that has the shape (a UTF-8 lead byte's character followed by continuation bytes'
// characters) but does not round-trip — a byte Windows-1252 leaves undefined was dropped on the way —
// is flagged for a person, not guessed at. Accented Latin in clean text ("café") never round-trips to
// Chinese, so it is left alone.

/** Windows-1252's 0x80–0x9F, the bytes where it differs from Latin-1 (undefined slots are absent). */
const CP1252_HIGH: Readonly<Record<string, number>> = Object.fromEntries(
  [...'€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'].map((c, i) => [c, 0x80 + i]),
);

const byteOf = (c: string): number | undefined => {
  const code = c.charCodeAt(0);
  if (code >= 0xa0 && code <= 0xff) return code;
  return CP1252_HIGH[c];
};

/** Runs of characters that stand for bytes 0x80–0xFF in Latin-1 or Windows-1252. */
const RUN = /[\u0080-\u00ff€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{2,}/gu;
/** A three- or four-byte UTF-8 sequence's shape: lead 0xE0–0xF4, then continuation bytes. */
const SHAPE = /[à-ô][\u0080-\u00bf€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ]{1,3}/u;
const HAN = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

function decodeRun(run: string): string | undefined {
  const bytes: number[] = [];
  for (const c of run) {
    const b = byteOf(c);
    if (b === undefined) return undefined;
    bytes.push(b);
  }
  try {
    const text = utf8.decode(new Uint8Array(bytes));
    return HAN.test(text) ? text : undefined;
  } catch {
    return undefined;
  }
}

export function repairLatin1Mojibake(text: string): {
  text: string;
  repaired: boolean;
  suspected: boolean;
} {
  let repaired = false;
  let suspected = false;
  const out = text.replace(RUN, (run) => {
    const fixed = decodeRun(run);
    if (fixed !== undefined) {
      repaired = true;
      return fixed;
    }
    if (SHAPE.test(run) && [...run.matchAll(new RegExp(SHAPE, 'gu'))].length >= 2) suspected = true;
    return run;
  });
  return { text: out, repaired, suspected };
}
