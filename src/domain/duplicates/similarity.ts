// How alike two citizens' descriptions are: the Dice coefficient of their character bigrams after
// dropping punctuation and spaces. Chinese has no word breaks, so bigrams are the usual cheap unit;
// two callers describing one outage share most of "停电", "小区", "楼整栋" whatever else they say.
const NOISE = /[\s\p{P}\p{S}]/gu;

function bigrams(text: string): Map<string, number> {
  const chars = [...text.normalize('NFKC').toLowerCase().replace(NOISE, '')];
  const out = new Map<string, number>();
  for (let i = 0; i + 1 < chars.length; i++) {
    const g = `${chars[i]}${chars[i + 1]}`;
    out.set(g, (out.get(g) ?? 0) + 1);
  }
  return out;
}

/** 0 (nothing shared) .. 1 (the same text); two texts too short to have bigrams compare as 0. */
export function textSimilarity(a: string, b: string): number {
  const x = bigrams(a);
  const y = bigrams(b);
  let total = 0;
  let shared = 0;
  for (const n of x.values()) total += n;
  for (const [g, n] of y) {
    total += n;
    shared += Math.min(n, x.get(g) ?? 0);
  }
  return total === 0 ? 0 : (2 * shared) / total;
}
