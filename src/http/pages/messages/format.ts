// Fills `{name}` placeholders in a catalogue entry. Shared by the server and the pages' scripts; an
// unknown placeholder stays visible so a missing value is noticed rather than silently dropped.
export function format(template: string, vars: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in vars ? String(vars[k]) : m));
}

/** Beijing is UTC+8 all year (no daylight saving), so its wall clock is plain arithmetic. */
const beijingOffsetMs = 8 * 3_600_000;
const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * The one way pages write a moment in Beijing time: 12月3日 17:30, with the year (2027年3月1日 18:00)
 * when it is not this year's. A deadline that falls at midnight is written as the day's 24:00
 * (12月3日 24:00, not 12月4日 00:00), as Chinese offices write deadlines: the order is due by the
 * end of the 3rd, and a worker reading "4日" would think they have the 4th as well.
 */
export function beijingDateTime(
  iso: string | undefined,
  options: { deadline?: boolean; now?: number } = {},
): string {
  if (iso === undefined || iso === '') return '';
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  let wall = new Date(ms + beijingOffsetMs);
  let clock = `${pad2(wall.getUTCHours())}:${pad2(wall.getUTCMinutes())}`;
  if (options.deadline === true && clock === '00:00' && wall.getUTCSeconds() === 0) {
    wall = new Date(ms + beijingOffsetMs - 86_400_000);
    clock = '24:00';
  }
  const thisYear = new Date((options.now ?? Date.now()) + beijingOffsetMs).getUTCFullYear();
  const year = wall.getUTCFullYear() === thisYear ? '' : `${wall.getUTCFullYear()}年`;
  return `${year}${wall.getUTCMonth() + 1}月${wall.getUTCDate()}日 ${clock}`;
}

/** A deadline (办结时限, a requested or granted extension): midnight is the day before's 24:00. */
export const beijingDeadline = (iso: string | undefined, now?: number): string =>
  beijingDateTime(iso, { deadline: true, ...(now !== undefined ? { now } : {}) });

/**
 * A phone as people here write it, the national form: 138 0013 8000 for a mobile, 010-12345678 for
 * a fixed line (the gateway stores +8613800138000 and +86-10-12345678). `mask` hides the middle
 * (138 **** 8000) for readers who must not call; a number masked already keeps its stars.
 * Anything else is shown as written.
 */
export function phoneText(phone: string | undefined, options: { mask?: boolean } = {}): string {
  if (phone === undefined) return '';
  const written = phone.trim();
  const national = written.replace(/^(\+86|0086)[\s-]?/, '');
  const mobile = /^(1[\d*]{2})[\s-]?([\d*]{4})[\s-]?([\d*]{4})$/.exec(national);
  if (mobile) {
    const [, head = '', middle = '', tail = ''] = mobile;
    return `${head} ${options.mask === true ? '****' : middle} ${tail}`;
  }
  const fixed = /^0?(\d{2,3})-([\d*]{5,8})$/.exec(national);
  if (fixed) {
    const [, area = '', number = ''] = fixed;
    const shown =
      options.mask === true ? `${'*'.repeat(number.length - 4)}${number.slice(-4)}` : number;
    return `0${area}-${shown}`;
  }
  if (options.mask === true && !written.includes('*'))
    return `${'*'.repeat(Math.max(0, written.length - 2))}${written.slice(-2)}`;
  return written;
}
