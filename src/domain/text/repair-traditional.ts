// Traditional → simplified, only for text that is traditional. Precision first: a clean simplified
// text must come back unchanged, so the decision counts characters that exist only in traditional
// writing (OpenCC's TSCharacters keys) and ignores the few that simplified text uses too (乾 in 乾隆,
// 於 as a surname ...). The conversion itself is OpenCC's phrase-aware one (乾隆 stays 乾隆, 後來 → 后来).
import * as OpenCC from 'opencc-js/t2cn';

/** The one entry point used, typed here so the converter's own declarations need not resolve. */
const makeConverter = (
  OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }
).Converter;
import TSCharacters from 'opencc-js/dict/TSCharacters';

/** Keys of TSCharacters that are also standard simplified characters (通用规范汉字表 keeps them). */
const ALSO_SIMPLIFIED = new Set([...'乾於餘夥徵麽蘋鍾闢鬥嚮衝']);
/** Below this share of traditional-only characters among Han characters, text is left alone. */
const MIN_SHARE = 0.05;
/** At or above this many traditional-only characters, text is converted whatever its length. */
const ENOUGH = 3;

let traditionalOnly: Set<string> | undefined;
let convert: ((s: string) => string) | undefined;

function traditionalSet(): Set<string> {
  traditionalOnly ??= new Set(
    TSCharacters.split('|')
      .map((entry) => entry.split(' ')[0] ?? '')
      .filter((c) => c !== '' && !ALSO_SIMPLIFIED.has(c)),
  );
  return traditionalOnly;
}

/** Han by code point range (CJK unified, extension A, compatibility, and astral extensions). */
function isHan(code: number): boolean {
  return (
    (code >= 0x4e00 && code <= 0x9fff) ||
    (code >= 0x3400 && code <= 0x4dbf) ||
    (code >= 0xf900 && code <= 0xfaff) ||
    (code >= 0x20000 && code <= 0x3134f)
  );
}

export function looksTraditional(text: string): boolean {
  const set = traditionalSet();
  let han = 0;
  let trad = 0;
  for (const ch of text) {
    if (isHan(ch.codePointAt(0) ?? 0)) {
      han++;
      if (set.has(ch)) trad++;
    }
  }
  return trad >= ENOUGH || (trad > 0 && trad / han >= MIN_SHARE);
}

export function toSimplified(text: string): { text: string; changed: boolean } {
  if (!looksTraditional(text)) return { text, changed: false };
  const run = (convert ??= makeConverter({ from: 't', to: 'cn' }));
  const out = run(text);
  return { text: out, changed: out !== text };
}

/** Unconditional conversion, for vocabularies matched against a fixed list (field names). */
export function convertToSimplified(text: string): string {
  if (!/[^\p{ASCII}]/u.test(text)) return text;
  const run = (convert ??= makeConverter({ from: 't', to: 'cn' }));
  return run(text);
}
