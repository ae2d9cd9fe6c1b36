// Assessment periods: a calendar month, or the "19th to the 18th" month some cities use. A period is
// named by the month it ends in ("2026-03" = 02-19 .. 03-18 with startDay 19).
import type { AssessmentConfig } from '../../../contracts/metrics.js';

const pad = (n: number) => String(n).padStart(2, '0');

/** The period id of an instant, in local time (utcOffsetMinutes, +480 for Asia/Shanghai). */
export function periodOf(ms: number, config: AssessmentConfig, utcOffsetMinutes: number): string {
  const local = new Date(ms + utcOffsetMinutes * 60_000);
  let year = local.getUTCFullYear();
  let month = local.getUTCMonth() + 1;
  if (config.period.kind === 'offset_month' && local.getUTCDate() >= config.period.startDay) {
    month += 1;
    if (month === 13) {
      month = 1;
      year += 1;
    }
  }
  return `${year}-${pad(month)}`;
}

/** First and last local day of a period, as YYYY-MM-DD. */
export function periodRange(id: string, config: AssessmentConfig): { from: string; to: string } {
  const [y, m] = id.split('-').map(Number) as [number, number];
  const lastDay = (yy: number, mm: number) => new Date(Date.UTC(yy, mm, 0)).getUTCDate();
  if (config.period.kind === 'calendar_month')
    return { from: `${y}-${pad(m)}-01`, to: `${y}-${pad(m)}-${pad(lastDay(y, m))}` };
  const prevY = m === 1 ? y - 1 : y;
  const prevM = m === 1 ? 12 : m - 1;
  return {
    from: `${prevY}-${pad(prevM)}-${pad(config.period.startDay)}`,
    to: `${y}-${pad(m)}-${pad(config.period.startDay - 1)}`,
  };
}

export const isPeriodId = (s: string): boolean => /^\d{4}-(0[1-9]|1[0-2])$/.test(s);

export function periodLabel(config: AssessmentConfig): string {
  return config.period.kind === 'calendar_month'
    ? 'calendar month'
    : `month from day ${config.period.startDay}`;
}
