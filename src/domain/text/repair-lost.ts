// Lost characters: where a system could not represent a character it wrote "?" or U+FFFD. They cannot
// be repaired from text, only flagged. Honest question marks ("怎么办?", "真的吗??", "what?") must not
// be flagged, so "?" counts as a lost character only where a sentence cannot end: a run of marks
// running straight into the next word or into a comma, or a lone ASCII "?" between two Han characters
// in text that otherwise writes full-width commas or question marks.
const HAN = '\\p{Script=Han}';
const REPLACEMENT = /\ufffd/u;
/** "?!?月", "伍?!比", "??钊": marks, two or more, straight into a Han character or a digit. */
const RUN_INTO_WORD = new RegExp(`\\?[?!;]*[?!;](?:${HAN}|\\d)`, 'u');
/** "籌集???,": Han, two or more "?", then a comma-like mark. */
const RUN_INTO_COMMA = new RegExp(`${HAN}\\?{2,}[,，、;)]`, 'u');
const SANDWICHED = new RegExp(`${HAN}\\?${HAN}`, 'u');
/** A writer who types full-width commas or question marks would not type an ASCII "?" between words. */
const FULL_WIDTH_PUNCT = /[，？]/u;

export function hasLostCharacters(text: string): boolean {
  if (REPLACEMENT.test(text) || RUN_INTO_WORD.test(text) || RUN_INTO_COMMA.test(text)) return true;
  return FULL_WIDTH_PUNCT.test(text) && SANDWICHED.test(text);
}
