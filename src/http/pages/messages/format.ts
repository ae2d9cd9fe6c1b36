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
