// One SLA target measured: the lead's clocks (assess.ts) and each 协办 part's own clocks
// (assists/assess-parts.ts) count time, due instants, shares and status the same way, so both
// measure through here and differ only in which pauses, extensions and holds they bring.
import type { SlaFigure, TargetSpec } from '../../../contracts/sla.js';
import type { WorkCalendar } from './calendar.js';
import { measureFor, type Measure } from './clocks.js';

export interface Interval {
  from: number;
  to: number;
}

/** The instant at which `amount` counted time has passed since `start`, skipping paused intervals. */
export function reach(
  m: Measure,
  start: number,
  amount: number,
  pauses: readonly Interval[],
): number {
  let cur = start;
  let left = amount;
  for (const p of pauses) {
    if (p.to <= cur) continue;
    if (p.from > cur) {
      const segment = m.count(cur, p.from);
      if (segment >= left) return m.advance(cur, left);
      left -= segment;
    }
    cur = Math.max(cur, p.to);
  }
  return m.advance(cur, left);
}

export function elapsed(
  m: Measure,
  start: number,
  until: number,
  pauses: readonly Interval[],
): number {
  if (until <= start) return 0;
  const paused = pauses.reduce(
    (sum, p) => sum + m.count(Math.max(p.from, start), Math.min(p.to, until)),
    0,
  );
  return m.count(start, until) - paused;
}

export interface TargetRun {
  spec: TargetSpec;
  startedAt: number;
  stoppedAt: number | undefined;
  nowMs: number;
  /** Sorted, non-overlapping, as `reach` and `elapsed` expect. */
  pauses: readonly Interval[];
  /** An approved extension's due instant, which replaces the counted one. */
  extendedDue?: number;
  /** Running but held (挂起 still open, or a 重复件 joined to its lead): shown paused, never warned. */
  held?: boolean;
}

export type TargetFigures = Pick<
  SlaFigure,
  | 'dueAt'
  | 'status'
  | 'met'
  | 'timeLeftSeconds'
  | 'usedShare'
  | 'elapsedWorkingSeconds'
  | 'uncertain'
>;

export interface TargetMeasured {
  due: number;
  /** The figure's counted fields, in the order a figure states them. */
  figures: TargetFigures;
  /** Still to warn about or breach: running and not held. */
  live: boolean;
  /** The instant at which `share` of the allowed time is used. */
  warnAt(share: number): number;
}

export function measureTarget(
  run: TargetRun,
  cal: WorkCalendar,
  workingHours: Parameters<typeof measureFor>[2],
): TargetMeasured {
  const { spec, startedAt, stoppedAt, pauses, extendedDue } = run;
  const m = measureFor(spec.clock, cal, workingHours);
  // Day-based limits count working days starting the day after (DOMAIN.md).
  const effStart =
    spec.clock === 'working_days' ? cal.startOfDay(cal.dayOf(startedAt) + 1) : startedAt;
  const until = stoppedAt ?? run.nowMs;
  const allowance = spec.amount * m.unitMs;
  const due = extendedDue ?? reach(m, effStart, allowance, pauses);
  const allowed =
    extendedDue === undefined ? allowance : Math.max(1, elapsed(m, effStart, extendedDue, pauses));
  const used = elapsed(m, effStart, until, pauses);
  const share = used / allowed;
  const met = stoppedAt === undefined ? undefined : stoppedAt <= due;
  const held = run.held === true;
  const status: SlaFigure['status'] =
    stoppedAt !== undefined
      ? met
        ? 'met'
        : 'breached'
      : held
        ? 'paused'
        : until >= due
          ? 'breached'
          : spec.warnAt.some((w) => share >= w)
            ? 'warning'
            : 'on_track';
  let uncertain = false;
  for (let d = cal.dayOf(Math.min(effStart, due)); d <= cal.dayOf(due) && !uncertain; d++)
    if (!cal.knowsYearOf(d)) uncertain = true;
  return {
    due,
    figures: {
      dueAt: new Date(due).toISOString(),
      status,
      ...(met !== undefined ? { met } : {}),
      timeLeftSeconds: Math.round((due - until) / 1000),
      usedShare: Math.round(share * 10_000) / 10_000,
      elapsedWorkingSeconds: Math.round(used / 1000),
      uncertain,
    },
    live: stoppedAt === undefined && !held,
    warnAt: (w) => reach(m, effStart, w * allowed, pauses),
  };
}
