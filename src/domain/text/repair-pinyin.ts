// A converter's pinyin left inline after each character, as in the stories: 網(wǎng), 進(jìn), 區(qū).
// Only a bracketed syllable carrying a tone mark is removed, so "(a)" or "(ok)" in a citizen's text
// stays; when the character before it was lost ("?(shù)") the "?" is kept for the lost-character check.
const TONED = 'āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ';
const SYLLABLE = `[a-zü${TONED}]{0,6}[${TONED}][a-zü${TONED}]{0,6}`;
const AFTER_HAN = new RegExp(`([\\p{Script=Han}?])[(（](?:${SYLLABLE})[)）]`, 'gu');
/** The opening bracket itself lost: "日?qǐng)" (the "?" stands for 報 and its "("). */
const ORPHAN = new RegExp(`\\?(?:${SYLLABLE})[)）]`, 'gu');

export function removeInlinePinyin(text: string): {
  text: string;
  changed: boolean;
  lostBefore: boolean;
} {
  let lostBefore = false;
  const out = text
    .replace(AFTER_HAN, (_m, before: string) => {
      if (before === '?') lostBefore = true;
      return before;
    })
    .replace(ORPHAN, () => {
      lostBefore = true;
      return '?';
    });
  return { text: out, changed: out !== text, lostBefore };
}
