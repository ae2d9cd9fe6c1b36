// Start-up warnings about the working calendar: deadlines in a year it does not know are computed
// on weekends only and marked uncertain, so the operator should add that year's State Council notice.
import type { WorkCalendar } from '../domain/sla/calendar.js';

export function calendarWarnings(calendar: WorkCalendar, now: Date): string[] {
  const year = now.getUTCFullYear();
  // Next year's notice usually appears in November or December; deadlines reach into it from then on.
  const needed = now.getUTCMonth() >= 10 ? [year, year + 1] : [year];
  return needed
    .filter((y) => !calendar.knownYears().includes(y))
    .map(
      (y) =>
        `calendar.json has no holidays for ${y}: deadlines in ${y} use weekends only and are marked uncertain; add the State Council notice for ${y}`,
    );
}
