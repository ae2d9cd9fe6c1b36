// Text repair on intake: the damage hotline text collects on its way through several systems, undone
// where the text allows and flagged where it does not. Order matters: mojibake first (its residue looks
// like rare Han characters), then HTML and pinyin (noise around characters), then lost characters
// (judged before any folding, while full-width punctuation still tells honest "?" from lost ones),
// then traditional → simplified. Full-width letters and digits are folded later by normalisation
// (src/domain/text/normalize.ts, which leaves Chinese punctuation alone); repair only reports it.
import type { QualityFlag } from '../../../contracts/quality.js';
import { stripHtml } from './repair-html.js';
import { hasLostCharacters } from './repair-lost.js';
import { repairLatin1Mojibake } from './repair-latin1.js';
import { repairMojibake } from './repair-mojibake.js';
import { removeInlinePinyin } from './repair-pinyin.js';
import { toSimplified } from './repair-traditional.js';

export interface Repaired {
  text: string;
  flags: QualityFlag[];
}

const FULL_WIDTH_ALNUM = /[０-９Ａ-Ｚａ-ｚ]/u;
/** Quick exit: pure ASCII text has nothing to repair but HTML. */
const NON_ASCII = /[^\p{ASCII}]/u;

export function repairText(input: string): Repaired {
  const flags: QualityFlag[] = [];
  let text = input;
  if (!NON_ASCII.test(text) && !text.includes('<') && !text.includes('&')) return { text, flags };

  const mojibake = repairMojibake(text);
  text = mojibake.text;
  // UTF-8 read as Latin-1/Windows-1252 leaves only Latin letters: GBK repair cannot have touched it.
  const latin1 = repairLatin1Mojibake(text);
  text = latin1.text;
  if (mojibake.repaired || latin1.repaired) flags.push('mojibake_repaired');
  if (mojibake.suspected || latin1.suspected) flags.push('mojibake_suspected');

  const html = stripHtml(text);
  text = html.text;
  if (html.changed) flags.push('html_stripped');

  const pinyin = removeInlinePinyin(text);
  text = pinyin.text;
  if (pinyin.changed) flags.push('pinyin_removed');

  // A pinyin syllable after "?" or a mojibake run cut short proves a character was lost there.
  if (mojibake.lost || pinyin.lostBefore || hasLostCharacters(text)) flags.push('lost_characters');

  // Unrepaired mojibake is left for a person to read against the archived bytes, not converted further.
  if (!mojibake.suspected && !latin1.suspected) {
    const simplified = toSimplified(text);
    text = simplified.text;
    if (simplified.changed) flags.push('traditional_converted');
  }

  if (FULL_WIDTH_ALNUM.test(text)) flags.push('fullwidth_folded');
  return { text, flags };
}
