// The working calendar: Asia/Shanghai days, weekends off, official holidays off, make-up working days
// (调休) on. The holidays are operator data (calendar.json), never rules in code; a year the data does
// not know falls back to weekends only, and answers say so (`uncertain`).
import type { WorkingCalendar } from '../../../contracts/sla.js';

const DAY_MS = 86_400_000;

export class WorkCalendar {
  readonly offsetMs: number;
  // Day numbers, not date strings: deadline arithmetic asks about every day it crosses.
  private readonly holidays = new Set<number>();
  private readonly workdays = new Set<number>();
  private readonly years: Set<number>;
  private readonly knownDays: [number, number][];

  constructor(data: WorkingCalendar) {
    this.offsetMs = data.utcOffsetMinutes * 60_000;
    this.years = new Set(Object.keys(data.years).map(Number));
    const dayOfDate = (d: string) => Date.parse(`${d}T00:00:00Z`) / DAY_MS;
    for (const y of Object.values(data.years)) {
      y.holidays.forEach((d) => this.holidays.add(dayOfDate(d)));
      y.workdays.forEach((d) => this.workdays.add(dayOfDate(d)));
    }
    this.knownDays = [...this.years].map((y) => [
      Date.UTC(y, 0, 1) / DAY_MS,
      Date.UTC(y + 1, 0, 1) / DAY_MS,
    ]);
  }

  /** Local calendar day number (days since 1970-01-01 in local time). */
  dayOf(ms: number): number {
    return Math.floor((ms + this.offsetMs) / DAY_MS);
  }

  /** UTC instant at which a local day starts. */
  startOfDay(day: number): number {
    return day * DAY_MS - this.offsetMs;
  }

  static isoDate(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  knowsYearOf(day: number): boolean {
    return this.knownDays.some(([from, to]) => day >= from && day < to);
  }

  knownYears(): number[] {
    return [...this.years].sort();
  }

  isWorkingDay(day: number): boolean {
    if (this.workdays.has(day)) return true;
    if (this.holidays.has(day)) return false;
    const weekday = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    return weekday !== 0 && weekday !== 6;
  }
}
