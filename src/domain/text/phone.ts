// Phone numbers in one form, so the same caller compares equal across channels (同人同事 needs it).
// Mainland mobiles become +86 and 11 digits; fixed lines +86-<area>-<number>; anything else is kept
// digits-only rather than guessed at.

const MOBILE = /^1[3-9]\d{9}$/u;
/** Area codes: 2 digits for the largest cities (010, 021, 022 ... written 10, 21), else 3. */
const TWO_DIGIT_AREAS = new Set(['10', '20', '21', '22', '23', '24', '25', '27', '28', '29']);

export function normalizePhone(raw: string): string {
  const folded = raw.normalize('NFKC');
  let digits = folded.replace(/\D/gu, '');
  if (digits === '') return folded.trim();
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (digits.startsWith('86') && digits.length >= 12) digits = digits.slice(2);
  if (MOBILE.test(digits)) return `+86${digits}`;
  if (digits.startsWith('0') && digits.length >= 10 && digits.length <= 12) {
    const body = digits.slice(1);
    const areaLen = TWO_DIGIT_AREAS.has(body.slice(0, 2)) ? 2 : 3;
    return `+86-${body.slice(0, areaLen)}-${body.slice(areaLen)}`;
  }
  return digits;
}

/** For logs and exports: keep enough to tell numbers apart, never enough to call. */
export function maskPhone(phone: string): string {
  let digits = phone.replace(/\D/gu, '');
  if (phone.startsWith('+86')) digits = digits.slice(2);
  if (digits.length < 7) return '*'.repeat(digits.length);
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 黄鹤林 → 黄**; names are personal data. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
