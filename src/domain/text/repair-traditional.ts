// Traditional → simplified, only for text that is traditional. Precision first: a clean simplified
// text must come back unchanged, so the decision counts characters that exist only in traditional
// writing (OpenCC's TSCharacters keys, plus Hong Kong variant forms) and ignores the few that
// simplified text uses too (乾 in 乾隆, 於 as a surname ...). The conversion is OpenCC's phrase-aware
// one with the region's own variant table: Taiwan forms by default (著裝 → 着装, where the generic
// table keeps 著), Hong Kong forms when the text carries them (衞生 → 卫生, 綫路 → 线路).
import * as OpenCC from 'opencc-js/t2cn';

/** The one entry point used, typed here so the converter's own declarations need not resolve. */
const makeConverter = (
  OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }
).Converter;
import TSCharacters from 'opencc-js/dict/TSCharacters';
import HKVariantsRev from 'opencc-js/dict/HKVariantsRev';

/** Keys of TSCharacters that are also standard simplified characters (通用规范汉字表 keeps them). */
const ALSO_SIMPLIFIED = new Set([...'乾於餘夥徵麽蘋鍾闢鬥嚮衝']);
/** Below this share of traditional-only characters among Han characters, text is left alone. */
const MIN_SHARE = 0.05;
/** At or above this many traditional-only characters, text is converted whatever its length. */
const ENOUGH = 3;

let traditionalOnly: Set<string> | undefined;
let hongKongForms: Set<string> | undefined;
let convert: ((s: string) => string) | undefined;
const regional: Partial<Record<'tw' | 'hk', (s: string) => string>> = {};
const converterFrom = (region: 'tw' | 'hk') =>
  (regional[region] ??= makeConverter({ from: region, to: 'cn' }));

const keysOf = (dict: string): string[] =>
  dict.split('|').map((entry) => entry.split(' ')[0] ?? '');

/** Variant forms Hong Kong writes that the Taiwan table would keep (衞, 綫, 説 …). */
function hongKongSet(): Set<string> {
  hongKongForms ??= new Set(
    keysOf(HKVariantsRev).filter(
      (c) => c !== '' && converterFrom('hk')(c) !== converterFrom('tw')(c),
    ),
  );
  return hongKongForms;
}

function traditionalSet(): Set<string> {
  traditionalOnly ??= new Set([
    ...keysOf(TSCharacters).filter((c) => c !== '' && !ALSO_SIMPLIFIED.has(c)),
    ...hongKongSet(),
  ]);
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

/** Hong Kong's table when the text writes a Hong Kong form, else Taiwan's (the commoner source). */
export function regionOf(text: string): 'tw' | 'hk' {
  const hk = hongKongSet();
  for (const ch of text) if (hk.has(ch)) return 'hk';
  return 'tw';
}

export function toSimplified(text: string): { text: string; changed: boolean } {
  if (!looksTraditional(text)) return { text, changed: false };
  const out = converterFrom(regionOf(text))(text);
  return { text: out, changed: out !== text };
}

/** Unconditional conversion, for vocabularies matched against a fixed list (field names). */
export function convertToSimplified(text: string): string {
  if (!/[^\p{ASCII}]/u.test(text)) return text;
  const run = (convert ??= makeConverter({ from: 't', to: 'cn' }));
  return run(text);
}
