// The three clocks a target can run on, as one interface: how much counted time lies between two
// instants, and which instant is reached after a given amount of counted time. Everything else in the
// SLA engine (due times, pauses, warnings, elapsed shares) is built from these two operations.
import type { SlaClock } from '../../../contracts/sla.js';
import type { WorkCalendar } from './calendar.js';

export interface Measure {
  /** Counted milliseconds in [from, to). */
  count(from: number, to: number): number;
  /** The instant at which `amount` counted milliseconds have passed since `from`. */
  advance(from: number, amount: number): number;
  /** Milliseconds of counted time in one unit of the target's amount. */
  unitMs: number;
}

/** A clock that counts only inside windows of local days; working days and working hours share it. */
function windowed(
  cal: WorkCalendar,
  windows: (day: number) => [number, number][],
): Omit<Measure, 'unitMs'> {
  // Ten years of days: a calendar can never make a deadline run further; stops a bad file from hanging us.
  const MAX_DAYS = 3660;
  return {
    count(from, to) {
      if (to <= from) return 0;
      let total = 0;
      for (let day = cal.dayOf(from), n = 0; cal.startOfDay(day) < to && n < MAX_DAYS; day++, n++) {
        for (const [a, b] of windows(day))
          total += Math.max(0, Math.min(b, to) - Math.max(a, from));
      }
      return total;
    },
    advance(from, amount) {
      let left = amount;
      for (let day = cal.dayOf(from), n = 0; n < MAX_DAYS; day++, n++) {
        for (const [a, b] of windows(day)) {
          const start = Math.max(a, from);
          if (b <= start) continue;
          if (b - start >= left) return start + left;
          left -= b - start;
        }
      }
      throw new Error('deadline beyond ten years: check the calendar');
    },
  };
}

export function measureFor(
  clock: SlaClock,
  cal: WorkCalendar,
  workingHours: readonly { from: string; to: string }[],
): Measure {
  switch (clock) {
    case 'clock_hours':
      return {
        count: (a, b) => Math.max(0, b - a),
        advance: (a, amount) => a + amount,
        unitMs: 3_600_000,
      };
    case 'working_days':
      return {
        ...windowed(cal, (day) =>
          cal.isWorkingDay(day) ? [[cal.startOfDay(day), cal.startOfDay(day + 1)]] : [],
        ),
        unitMs: 86_400_000,
      };
    case 'working_hours': {
      const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
      const spans = workingHours.map(
        (w) => [minutes(w.from) * 60_000, minutes(w.to) * 60_000] as const,
      );
      return {
        ...windowed(cal, (day) =>
          cal.isWorkingDay(day)
            ? spans.map(
                ([a, b]) => [cal.startOfDay(day) + a, cal.startOfDay(day) + b] as [number, number],
              )
            : [],
        ),
        unitMs: 3_600_000,
      };
    }
  }
}
