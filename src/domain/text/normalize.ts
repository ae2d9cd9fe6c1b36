// Text normalisation on intake: what every vendor's text goes through before it is stored.
// NFKC folds full-width digits and letters (３２１ → 321, ＡＢ → AB) and compatibility forms;
// whitespace is trimmed and collapsed so the same words compare equal.

/** NFKC, then collapse runs of whitespace (including U+3000 ideographic space) to one space. */
export function normalizeText(input: string): string {
  return input.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** Like normalizeText but keeps line breaks, for multi-line content such as 主要内容. */
export function normalizeMultiline(input: string): string {
  return input
    .normalize('NFKC')
    .split(/\r\n|\r|\n/u)
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trim())
    .filter((line, i, all) => line !== '' || (i > 0 && all[i - 1] !== ''))
    .join('\n')
    .trim();
}
