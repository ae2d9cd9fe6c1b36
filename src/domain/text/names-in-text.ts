// A caller's name where it is written in free text: a worker notes "已电话联系黄先生", a caller signs
// "黄建国反映". Names in general cannot be found in text, but the order's own callers are known, so
// their full names and their surnames with a form of address (黄先生, 黄女士, 黄师傅 …) are masked as
// the caller is (黄**). Masked text holds neither form, so masking twice changes nothing.
import { maskName } from './phone.js';

/** Two-character surnames common enough to be read as one (欧阳修 → 欧阳 + 修). */
const COMPOUND_SURNAMES = new Set([
  '欧阳',
  '司马',
  '上官',
  '诸葛',
  '东方',
  '皇甫',
  '尉迟',
  '公孙',
  '慕容',
  '长孙',
  '令狐',
  '宇文',
  '夏侯',
  '轩辕',
  '端木',
  '南宫',
  '西门',
  '司徒',
  '独孤',
  '申屠',
]);

/** Forms of address written after a surname. */
const ADDRESS_FORMS = [
  '老先生',
  '老太太',
  '先生',
  '女士',
  '小姐',
  '师傅',
  '阿姨',
  '大爷',
  '大妈',
  '大姐',
  '大哥',
  '奶奶',
  '爷爷',
  '叔叔',
  '老师',
  '同志',
  '太太',
  '老板',
  '经理',
  '总',
];

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');

/** The surname of a Chinese name: its first character, or a compound surname's two. */
export function surnameOf(name: string): string | undefined {
  const chars = [...name.trim()];
  if (chars.length === 0 || !/\p{Script=Han}/u.test(chars[0]!)) return undefined;
  const two = chars.slice(0, 2).join('');
  return chars.length >= 3 && COMPOUND_SURNAMES.has(two) ? two : chars[0];
}

/**
 * A function masking these callers' names in free text: each full name (two characters or more),
 * and each surname followed by a form of address, become the caller's masked name.
 */
export function callerNameMasker(names: readonly string[]): (text: string) => string {
  const rules: { pattern: RegExp; masked: string }[] = [];
  for (const raw of names) {
    const name = raw.trim();
    // A masked name says nothing more; a bare form of address (先生) is no one's name.
    if ([...name].length < 2 || name.includes('*') || ADDRESS_FORMS.includes(name)) continue;
    const masked = maskName(name);
    rules.push({ pattern: new RegExp(escape(name), 'gu'), masked });
    const surname = surnameOf(name);
    if (surname === undefined) continue;
    const forms = ADDRESS_FORMS.map(escape).join('|');
    rules.push({ pattern: new RegExp(`${escape(surname)}(?:${forms})`, 'gu'), masked });
  }
  if (rules.length === 0) return (text) => text;
  // Longer names first, so 黄建国 is masked whole before 黄 + a form of address could match in it.
  rules.sort((a, b) => b.pattern.source.length - a.pattern.source.length);
  return (text) => rules.reduce((t, r) => t.replace(r.pattern, r.masked), text);
}
