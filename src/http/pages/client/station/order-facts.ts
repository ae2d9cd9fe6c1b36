// What the station app reads off an order view, without any DOM: the next target a worker must
// meet (签收 while waiting acceptance, then 响应, then 办结), the inbox order (urgency first, then the
// next deadline), which tab an order belongs in, and which actions its state allows.
import type { OrderView } from '../../../../../contracts/views.js';
import type { SlaFigure } from '../../../../../contracts/sla.js';
import { ownPart } from './assist-part.js';

export type Tab = 'waiting' | 'working' | 'done' | 'assist';
export const tabs: readonly Tab[] = ['waiting', 'working', 'done', 'assist'];

export const tabStates: Record<Exclude<Tab, 'assist'>, readonly OrderView['state'][]> = {
  waiting: ['dispatched'],
  working: ['accepted', 'contacted', 'in_progress'],
  done: ['resolved', 'closed'],
};

/**
 * 协办: an order the station assists sits in the 协办 tab by its part, whatever the lead's state (the
 * lead's order back in triage or returned is still the unit's work); the others by their state.
 */
export function tabOf(view: OrderView): Tab | undefined {
  if (ownPart(view)) return 'assist';
  return (['waiting', 'working', 'done'] as const).find((t) => tabStates[t].includes(view.state));
}

/** The targets in the order a worker meets them; the first still running is the next one. */
const targetOrder = ['accept', 'respond', 'resolve', 'callback'] as const;

/** This cycle's figures in the order a worker meets them: 签收, 响应, 办结, 回访. */
export function currentFigures(view: OrderView): SlaFigure[] {
  const cycle = view.sla?.cycle ?? view.slaFacts.cycle;
  const rank = (f: SlaFigure) => targetOrder.indexOf(f.target);
  return (view.sla?.figures ?? [])
    .filter((f) => f.cycle === cycle)
    .sort((a, b) => rank(a) - rank(b));
}

/** The next deadline the station must meet; for done orders, none (the callback is the hotline's). */
export function nextFigure(view: OrderView): SlaFigure | undefined {
  // 协办: an assisting station's next deadline is its own part's (签收, then 反馈).
  const part = ownPart(view);
  if (part)
    return view.sla?.assists
      ?.find((p) => p.part === part.part)
      ?.figures.find((f) => f.stoppedAt === undefined);
  if (tabOf(view) === 'done') return undefined;
  const open = currentFigures(view).filter((f) => f.stoppedAt === undefined);
  for (const target of targetOrder) {
    const f = open.find((x) => x.target === target);
    if (f && target !== 'callback') return f;
  }
  return undefined;
}

/** Running figures other than the next one that are already red: a worker must see them too. */
export function otherBreached(view: OrderView, next: SlaFigure | undefined): SlaFigure[] {
  if (tabOf(view) === 'done' || ownPart(view)) return [];
  return currentFigures(view).filter(
    (f) => f.stoppedAt === undefined && f.status === 'breached' && f !== next,
  );
}

const urgencyRank: Record<string, number> = { emergency: 0, urgent: 1, normal: 2 };

/** 特急 before 紧急 before 一般; within each, the nearest next deadline first; no deadline last. */
export function compareOrders(a: OrderView, b: OrderView): number {
  const u = (urgencyRank[a.order.urgency] ?? 2) - (urgencyRank[b.order.urgency] ?? 2);
  if (u !== 0) return u;
  const due = (v: OrderView) => {
    const f = nextFigure(v);
    return f ? Date.parse(f.dueAt) : Number.POSITIVE_INFINITY;
  };
  const d = due(a) - due(b);
  if (d !== 0 && !Number.isNaN(d)) return d;
  // Done orders (no next deadline): the most recently changed first.
  return Date.parse(b.updatedAt) - Date.parse(a.updatedAt);
}

export type ActionName =
  'accept' | 'contact' | 'start' | 'resolve' | 'pause' | 'resume' | 'extension' | 'return';

/** The one step that moves the order on, shown first and largest. */
export function primaryAction(view: OrderView): ActionName | undefined {
  switch (view.state) {
    case 'dispatched':
      return 'accept';
    case 'accepted':
      return 'contact';
    case 'contacted':
      return 'start';
    case 'in_progress':
      return 'resolve';
    default:
      return undefined;
  }
}

export function hasPendingExtension(view: OrderView): boolean {
  return view.extensions.some((e) => e.status === 'pending');
}

/** Whether a pause would stop an open deadline of the current cycle under the order's policy rule. */
export function pauseStopsAClock(view: OrderView): boolean {
  return (view.sla?.figures ?? []).some(
    (f) => f.cycle === view.slaFacts.cycle && f.stoppedAt === undefined && f.pausable === true,
  );
}

/** Every action the order's state allows, the primary one first (the API has the final say). */
export function actionsFor(view: OrderView): ActionName[] {
  // 协办: an assisting station works its own part (assist.ts), never the lead's steps.
  if (ownPart(view)) return [];
  const open = tabStates.working.includes(view.state);
  const list: ActionName[] = [];
  const primary = primaryAction(view);
  if (primary) list.push(primary);
  if (open && primary !== 'resolve') list.push('resolve');
  // 挂起 only where the policy lets a pause stop an open deadline of this order (the API refuses
  // the rest); 恢复计时 whenever the order is paused.
  if (open && view.paused) list.push('resume');
  else if (open && pauseStopsAClock(view)) list.push('pause');
  if (open && !hasPendingExtension(view)) list.push('extension');
  if (view.state === 'dispatched' || open) list.push('return');
  return list;
}

/** What decides which action controls are shown; when it is unchanged the controls stay as they are. */
export function actionSignature(view: OrderView): string {
  return actionsFor(view).join(',');
}
