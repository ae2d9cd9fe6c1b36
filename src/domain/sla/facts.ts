// Folds the SLA facts from an order's events: clock starts and stops per target and cycle, pauses,
// holdings, emitted warnings. Policy-free on purpose, so a policy or calendar change never needs a
// re-fold, only a re-assessment (see assess.ts).
import type { OrderEvent } from '../../../contracts/events.js';
import type { SlaTarget } from '../../../contracts/sla.js';
import type { SlaFacts } from '../../../contracts/views.js';

export const emptyFacts = (): SlaFacts => ({
  cycle: 1,
  clocks: [],
  pauses: [],
  holdings: [],
  emitted: [],
});

/** kind: a warning threshold, 'breach', or a 督办 step (src/domain/supervision/schedule.ts). */
export const marker = (target: SlaTarget, cycle: number, kind: number | string): string =>
  `${target}:${cycle}:${kind}`;

/** 协办: a deadline marker of an assisting part's own clock (see src/domain/assists/assess-parts.ts). */
export const partMarker = (part: number, target: SlaTarget, kind: number | string): string =>
  `assist-${part}:${target}:${kind}`;

const earlier = (a: string, b: string): string => (Date.parse(a) <= Date.parse(b) ? a : b);

function start(f: SlaFacts, target: SlaTarget, at: string): SlaFacts {
  if (f.clocks.some((c) => c.target === target && c.cycle === f.cycle)) return f;
  return { ...f, clocks: [...f.clocks, { target, cycle: f.cycle, startedAt: at }] };
}

function stop(f: SlaFacts, targets: readonly SlaTarget[], at: string): SlaFacts {
  return {
    ...f,
    clocks: f.clocks.map((c) =>
      c.cycle === f.cycle && targets.includes(c.target) && c.stoppedAt === undefined
        ? { ...c, stoppedAt: at }
        : c,
    ),
  };
}

function closeHolding(f: SlaFacts, at: string): SlaFacts {
  return { ...f, holdings: f.holdings.map((h) => (h.to === undefined ? { ...h, to: at } : h)) };
}

export function evolveFacts(f: SlaFacts, e: OrderEvent): SlaFacts {
  const d = e.data;
  switch (d.type) {
    case 'order.received': {
      // The citizen's clock runs from the call (来电时间), never from a later moment of ours.
      const callAt = earlier(d.order.receivedAt, e.at);
      return start(start(f, 'respond', callAt), 'resolve', callAt);
    }
    case 'order.dispatched': {
      const g = closeHolding(start(f, 'accept', e.at), e.at);
      return {
        ...g,
        holdings: [...g.holdings, { cycle: g.cycle, stationId: d.stationId, from: e.at }],
      };
    }
    case 'order.triaged':
    case 'order.returned':
    case 'order.duplicate_linked':
      return closeHolding(f, e.at);
    case 'order.return_rejected':
      // 退单审核 rejected: the station holds the order again; its clocks never stopped.
      return {
        ...f,
        holdings: [...f.holdings, { cycle: f.cycle, stationId: d.stationId, from: e.at }],
      };
    case 'order.return_accepted':
      // The returning station's pause ends with its hold on the order.
      return { ...f, pauses: f.pauses.map((p) => (p.to === undefined ? { ...p, to: e.at } : p)) };
    case 'order.accepted':
      return stop(f, ['accept'], e.at);
    case 'order.contacted':
      return stop(f, ['respond'], e.at);
    case 'order.resolved':
      // Resolving implies the earlier steps; their clocks stop here if they were still running.
      return start(stop(f, ['accept', 'respond', 'resolve'], e.at), 'callback', e.at);
    case 'order.callback_recorded':
      return stop(f, ['callback'], e.at);
    case 'order.reopened': {
      // The old cycle's callback ends with the reopen; the new cycle has its own clocks.
      const next = { ...closeHolding(stop(f, ['callback'], e.at), e.at), cycle: f.cycle + 1 };
      const g = start(start(start(next, 'accept', e.at), 'respond', e.at), 'resolve', e.at);
      return {
        ...g,
        holdings: [...g.holdings, { cycle: g.cycle, stationId: d.stationId, from: e.at }],
      };
    }
    case 'order.paused':
      return { ...f, pauses: [...f.pauses, { cycle: f.cycle, from: e.at, reason: d.reason }] };
    case 'order.resumed':
      return { ...f, pauses: f.pauses.map((p) => (p.to === undefined ? { ...p, to: e.at } : p)) };
    case 'order.extension_decided':
      if (!d.approved || d.newDueAt === undefined) return f;
      return {
        ...f,
        clocks: f.clocks.map((c) =>
          c.cycle === f.cycle && c.target === 'resolve' ? { ...c, extendedDueAt: d.newDueAt } : c,
        ),
      };
    case 'sla.warning': {
      const m = d.assist
        ? partMarker(d.assist.part, d.target, d.threshold)
        : marker(d.target, d.cycle, d.threshold);
      return { ...f, emitted: [...f.emitted, m] };
    }
    case 'sla.breached': {
      const m = d.assist
        ? partMarker(d.assist.part, d.target, 'breach')
        : marker(d.target, d.cycle, 'breach');
      return { ...f, emitted: [...f.emitted, m] };
    }
    // 督办 steps of the policy carry their target (by hand they do not, and mark nothing).
    case 'supervision.reminded':
      return { ...f, emitted: [...f.emitted, marker(d.target, d.cycle, 'remind')] };
    case 'supervision.urged':
      if (d.target === undefined) return f;
      return { ...f, emitted: [...f.emitted, marker(d.target, d.cycle, 'urge')] };
    case 'supervision.escalated':
      if (d.target === undefined) return f;
      return { ...f, emitted: [...f.emitted, marker(d.target, d.cycle, d.level)] };
    default:
      return f;
  }
}
