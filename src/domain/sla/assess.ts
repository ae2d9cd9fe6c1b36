// SLA figures from facts + policy + calendar + now: due times (moved by pauses and approved
// extensions), time left, share used, status, and the next instants at which a warning or breach
// must be emitted. Pure, so any order's figures can be recomputed at any time (repair).
import type {
  SlaFigure,
  SlaPolicy,
  SlaSummary,
  SlaTarget,
  TargetSpec,
} from '../../../contracts/sla.js';
import type { OrderView } from '../../../contracts/views.js';
import type { WorkCalendar } from './calendar.js';
import { measureFor } from './clocks.js';
import { measureTarget, type Interval } from './measure-target.js';
import { marker } from './facts.js';
import { selectRule } from './policy.js';
import { supervisionSchedule, type SupervisionKind } from '../supervision/schedule.js';
import { assessParts } from '../assists/assess-parts.js';

export interface SlaFire {
  target: SlaTarget;
  cycle: number;
  /** A warning threshold (share of the allowed time), 'breach', or a 督办 step of the policy. */
  kind: number | 'breach' | SupervisionKind;
  at: number;
  dueAt: string;
  /** 协办: the assisting part whose own deadline this is (absent: the lead's). */
  assist?: { part: number; stationId: string };
}

export interface SlaAssessment {
  summary: SlaSummary;
  /** Warnings and breaches not yet emitted, earliest first; `at` may be in the past (overdue to emit). */
  fires: SlaFire[];
}

/**
 * 退单审核 under `rejectedReturn.reviewTime: excluded`: the time each rejected return waited for review
 * is taken off every target of the clock's cycle (returns from before the clock started are not).
 */
function excludedReviews(view: OrderView, policy: SlaPolicy, startedAt: number): Interval[] {
  if (policy.rejectedReturn?.reviewTime !== 'excluded') return [];
  return view.returns.flatMap((r) =>
    r.review?.status === 'rejected' && r.review.at !== undefined && Date.parse(r.at) >= startedAt
      ? [{ from: Date.parse(r.at), to: Date.parse(r.review.at) }]
      : [],
  );
}

/** Intervals sorted and overlaps joined, as `reach` and `elapsed` expect. */
function merged(list: Interval[]): Interval[] {
  const out: Interval[] = [];
  for (const i of [...list].sort((a, b) => a.from - b.from)) {
    const last = out.at(-1);
    if (last && i.from <= last.to) last.to = Math.max(last.to, i.to);
    else out.push({ ...i });
  }
  return out;
}

export function assessSla(
  view: OrderView,
  policy: SlaPolicy,
  cal: WorkCalendar,
  nowMs: number,
): SlaAssessment {
  const rule = selectRule(policy, view.order);
  const figures: SlaFigure[] = [];
  const fires: SlaFire[] = [];
  const facts = view.slaFacts;
  for (const clock of facts.clocks) {
    const spec: TargetSpec | undefined = rule?.targets[clock.target];
    if (!rule || !spec) continue;
    const startedAt = Date.parse(clock.startedAt);
    const stoppedAt = clock.stoppedAt === undefined ? undefined : Date.parse(clock.stoppedAt);
    const ownPauses: Interval[] = spec.pausable
      ? facts.pauses
          .filter((p) => p.cycle === clock.cycle)
          .map((p) => ({
            from: Date.parse(p.from),
            to: p.to === undefined ? Math.max(nowMs, Date.parse(p.from)) : Date.parse(p.to),
          }))
      : [];
    const reviews = excludedReviews(view, policy, startedAt);
    const pauses = reviews.length > 0 ? merged([...ownPauses, ...reviews]) : ownPauses;
    const openPause =
      spec.pausable &&
      stoppedAt === undefined &&
      facts.pauses.some((p) => p.cycle === clock.cycle && p.to === undefined);
    // 重复件: a repeat joined to its lead is worked there; its own clocks are held (shown paused), so it
    // is never overdue, warned or escalated on its own. Unlinked, they count from the call again.
    const linked = stoppedAt === undefined && view.duplicateOf !== undefined;
    const measured = measureTarget(
      {
        spec,
        startedAt,
        stoppedAt,
        nowMs,
        pauses,
        ...(clock.extendedDueAt !== undefined
          ? { extendedDue: Date.parse(clock.extendedDueAt) }
          : {}),
        held: openPause || linked,
      },
      cal,
      policy.workingHours,
    );
    const due = measured.due;

    figures.push({
      target: clock.target,
      cycle: clock.cycle,
      rule: rule.id,
      clock: spec.clock,
      startedAt: clock.startedAt,
      ...(clock.stoppedAt !== undefined ? { stoppedAt: clock.stoppedAt } : {}),
      ...measured.figures,
      ...(spec.pausable ? { pausable: true } : {}),
      holdings: facts.holdings
        .filter((h) => h.cycle === clock.cycle)
        .map(({ stationId, from, to }) => ({
          stationId,
          from,
          ...(to !== undefined ? { to } : {}),
        })),
    });

    if (!measured.live) continue;
    const dueIso = measured.figures.dueAt;
    for (const w of spec.warnAt) {
      if (!facts.emitted.includes(marker(clock.target, clock.cycle, w)))
        fires.push({
          target: clock.target,
          cycle: clock.cycle,
          kind: w,
          at: measured.warnAt(w),
          dueAt: dueIso,
        });
    }
    if (!facts.emitted.includes(marker(clock.target, clock.cycle, 'breach')))
      fires.push({
        target: clock.target,
        cycle: clock.cycle,
        kind: 'breach',
        at: due,
        dueAt: dueIso,
      });
    const steps = supervisionSchedule(
      policy.supervision,
      { target: clock.target, startedAt, due },
      (c) => measureFor(c, cal, policy.workingHours),
    );
    for (const step of steps)
      if (!facts.emitted.includes(marker(clock.target, clock.cycle, step.kind)))
        fires.push({ target: clock.target, cycle: clock.cycle, ...step, dueAt: dueIso });
  }
  // 协办: each assisting part's own 签收 and 办结 deadlines.
  const parts = rule ? assessParts(view, policy, rule, cal, nowMs) : undefined;
  if (parts) fires.push(...parts.fires);
  fires.sort((a, b) => a.at - b.at);
  return {
    summary: {
      policyVersion: policy.version,
      cycle: facts.cycle,
      figures,
      ...(parts ? { assists: parts.assists } : {}),
    },
    fires,
  };
}
