// Times as people here read them: Beijing time, 24-hour clock, and countdowns in days/hours/minutes.
import { beijingDateTime, beijingDeadline } from '../../messages/format.js';
import { fmt, messages } from './messages.js';

/** An event's moment: 12月3日 17:30 (one formatter for every page, messages/format.ts). */
export function beijingTime(iso: string | undefined): string {
  return beijingDateTime(iso);
}

/** A deadline: midnight written as the day's 24:00 (12月3日 24:00), as offices write deadlines. */
export function deadlineTime(iso: string | undefined): string {
  return beijingDeadline(iso);
}

/** 2 天 3 小时 / 3 小时 20 分钟 / 12 分钟: the two largest units, enough to act on. */
export function duration(ms: number): string {
  const t = messages().common.time;
  const minutes = Math.max(0, Math.floor(Math.abs(ms) / 60_000));
  const d = Math.floor(minutes / 1440);
  const hr = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (d) parts.push(fmt(t.days, { n: d }));
  if (hr) parts.push(fmt(t.hours, { n: hr }));
  if (!d) parts.push(fmt(t.minutes, { n: m }));
  return parts.slice(0, 2).join('');
}

/** 剩余 3小时20分钟 or 已超期 1天2小时, measured against now. */
export function countdown(dueIso: string, now = Date.now()): string {
  const left = Date.parse(dueIso) - now;
  const t = messages().common.time;
  return fmt(left >= 0 ? t.left : t.overdue, { d: duration(left) });
}

/** A datetime-local input's value as an RFC 3339 time in Beijing (+08:00), as the API requires. */
export function localInputToOffset(value: string): string {
  return `${value.length === 16 ? `${value}:00` : value}+08:00`;
}
