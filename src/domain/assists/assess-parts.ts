// 协办 deadlines: each assisting part has its own 签收 (accept) and 办结 (resolve: its report) clock,
// started when the dispatcher asked for the part, stopped by the unit's own 签收 and report (or when
// a dispatcher closes or removes the part). Targets come from the policy's `assists` entry, else the
// order's own rule. Warnings and the breach are fires like the lead's, marked per part, so the
// sweeper emits each once; the lead's pauses (挂起) do not hold them.
import type { SlaFigure, SlaPolicy, SlaRule, SlaTarget } from '../../../contracts/sla.js';
import type { AssistView, OrderView } from '../../../contracts/views.js';
import type { WorkCalendar } from '../sla/calendar.js';
import type { SlaFire } from '../sla/assess.js';
import { measureTarget } from '../sla/measure-target.js';
import { partMarker } from '../sla/facts.js';

export interface PartFigures {
  part: number;
  stationId: string;
  figures: SlaFigure[];
}

const TARGETS = ['accept', 'resolve'] as const satisfies readonly SlaTarget[];

function stopOf(a: AssistView, target: (typeof TARGETS)[number]): string | undefined {
  const ended = a.status === 'closed' || a.status === 'removed' ? a.endedAt : undefined;
  return target === 'accept' ? (a.acceptedAt ?? a.reportedAt ?? ended) : (a.reportedAt ?? ended);
}

export function assessParts(
  view: OrderView,
  policy: SlaPolicy,
  rule: SlaRule,
  cal: WorkCalendar,
  nowMs: number,
): { assists: PartFigures[]; fires: SlaFire[] } | undefined {
  if (!view.assists || view.assists.length === 0) return undefined;
  const assists: PartFigures[] = [];
  const fires: SlaFire[] = [];
  for (const a of view.assists) {
    if (a.status === 'removed') continue;
    const figures: SlaFigure[] = [];
    for (const target of TARGETS) {
      const spec = policy.assists?.[target] ?? rule.targets[target];
      if (!spec) continue;
      const stopIso = stopOf(a, target);
      const measured = measureTarget(
        {
          spec,
          startedAt: Date.parse(a.requestedAt),
          stoppedAt: stopIso === undefined ? undefined : Date.parse(stopIso),
          nowMs,
          pauses: [],
        },
        cal,
        policy.workingHours,
      );
      const dueAt = measured.figures.dueAt;
      figures.push({
        target,
        cycle: a.cycle,
        rule: policy.assists?.[target] ? 'assists' : rule.id,
        clock: spec.clock,
        startedAt: a.requestedAt,
        ...(stopIso !== undefined ? { stoppedAt: stopIso } : {}),
        ...measured.figures,
        holdings: [
          {
            stationId: a.stationId,
            from: a.requestedAt,
            ...(stopIso !== undefined ? { to: stopIso } : {}),
          },
        ],
      });
      if (!measured.live) continue;
      const assist = { part: a.part, stationId: a.stationId };
      const emitted = view.slaFacts.emitted;
      for (const w of spec.warnAt)
        if (!emitted.includes(partMarker(a.part, target, w)))
          fires.push({
            target,
            cycle: a.cycle,
            kind: w,
            at: measured.warnAt(w),
            dueAt,
            assist,
          });
      if (!emitted.includes(partMarker(a.part, target, 'breach')))
        fires.push({ target, cycle: a.cycle, kind: 'breach', at: measured.due, dueAt, assist });
    }
    assists.push({ part: a.part, stationId: a.stationId, figures });
  }
  return { assists, fires };
}
