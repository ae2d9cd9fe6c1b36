// Phone numbers in one form, so the same caller compares equal across channels (同人同事 needs it).
// Mainland mobiles become +86 and 11 digits; fixed lines +86-<area>-<number>; other numbers are kept
// digits-only and text without digits as written, rather than guessed at.

const MOBILE = /^1[3-9]\d{9}$/u;
/** Area codes: 2 digits for the largest cities (010, 021, 022 ... written 10, 21), else 3. */
const TWO_DIGIT_AREAS = new Set(['10', '20', '21', '22', '23', '24', '25', '27', '28', '29']);

export function normalizePhone(raw: string): string {
  const folded = raw.normalize('NFKC');
  let digits = folded.replace(/\D/gu, '');
  if (digits === '') return folded.trim(); // nothing to normalise: kept as written, never invented
  let international = false;
  if (digits.startsWith('0086')) {
    digits = digits.slice(4);
    international = true;
  } else if (folded.trim().startsWith('+86') || (digits.startsWith('86') && digits.length >= 12)) {
    digits = digits.slice(2);
    international = true;
  }
  if (MOBILE.test(digits)) return `+86${digits}`;
  // Written internationally, a fixed line drops its trunk 0 (+86 21 …); put it back to compare equal.
  if (international && !digits.startsWith('0')) digits = `0${digits}`;
  if (digits.startsWith('0') && digits.length >= 10 && digits.length <= 12) {
    const body = digits.slice(1);
    const areaLen = TWO_DIGIT_AREAS.has(body.slice(0, 2)) ? 2 : 3;
    return `+86-${body.slice(0, areaLen)}-${body.slice(areaLen)}`;
  }
  return digits;
}

/** For logs and exports: keep enough to tell numbers apart, never enough to call. */
export function maskPhone(phone: string): string {
  if (phone.includes('*')) return phone; // already masked: masking twice must not change it
  let digits = phone.replace(/\D/gu, '');
  if (digits.startsWith('0086')) digits = digits.slice(4);
  else if (phone.trim().startsWith('+86')) digits = digits.slice(2);
  if (digits.length < 7) return '*'.repeat(digits.length);
  // Short local numbers show only their last two digits; longer ones the usual 3 + 4.
  if (digits.length < 10) return `${'*'.repeat(digits.length - 2)}${digits.slice(-2)}`;
  return `${digits.slice(0, 3)}****${digits.slice(-4)}`;
}

/** 黄鹤林 → 黄**; names are personal data. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length === 0) return '';
  if (chars.length > 1 && chars.slice(1).every((c) => c === '*')) return name; // already masked
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}
