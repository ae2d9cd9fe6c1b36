// Text normalisation on intake: what every vendor's text goes through before it is stored.
// Chinese punctuation is correct Chinese: full-width ，：（）“”、。 stay as they are. Only full-width
// letters and digits (３２１ → 321, ＡＢ → AB) are folded, so numbers and codes compare equal, and
// whitespace is trimmed and collapsed. Canonical composition (NFC) changes no character a person
// sees. Routing folds more aggressively on its own copy (src/domain/places/fold.ts).

const FULL_WIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/gu;
/** U+FF10..FF5A sit at a fixed distance (0xFEE0) from their ASCII forms. */
const foldAlnum = (s: string): string =>
  s.replace(FULL_WIDTH_ALNUM, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

/** Full-width letters and digits folded; runs of whitespace (U+3000 too) collapsed to one space. */
export function normalizeText(input: string): string {
  return foldAlnum(input.normalize('NFC')).replace(/\s+/gu, ' ').trim();
}

/** Like normalizeText but keeps line breaks, for multi-line content such as 主要内容. */
export function normalizeMultiline(input: string): string {
  return foldAlnum(input.normalize('NFC'))
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
