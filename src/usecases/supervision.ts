// 督办 as the supervisors see it: which level a supervisor works at (their scope says: a street's code
// is the street's supervisor, a district's the district's), and their escalation queue: the overdue
// orders under their scope (the one visibility rule, access.ts) that have been escalated to their
// level, the highest level and the deadline missed first on top.
import type { SupervisionLevel } from '../../contracts/sla.js';
import type { OrderView } from '../../contracts/views.js';
import { reaches } from '../domain/supervision/fold.js';
import type { Principal } from './principal.js';
import type { OrderStore } from '../ports/order-store.js';
import { visibleQuery } from './access.js';

/** How many overdue orders one queue request reads at most (the store indexes overdue orders). */
export const SUPERVISION_SCAN_LIMIT = 5000;

const OPEN = ['triage', 'returned', 'dispatched', 'accepted', 'contacted', 'in_progress'] as const;

/** A 9-digit (street) scope works at the street; a district scope, or none (admin), at the district. */
export function supervisionLevelOf(p: Principal): SupervisionLevel {
  return p.scope !== undefined && p.scope.length >= 9 ? 'street' : 'district';
}

/**
 * Which escalations a reader's queue holds: a street supervisor sees the street's and the district's
 * (still their street's problem); a district supervisor the district's; an unscoped reader (admin)
 * every escalated order.
 */
function queueLevel(p: Principal): SupervisionLevel {
  if (p.scope === undefined) return 'street';
  return supervisionLevelOf(p);
}

/** The deadline an order missed first and still has not met. */
function firstMissed(v: OrderView, now: number): number {
  const missed = (v.sla?.figures ?? [])
    .filter((f) => f.stoppedAt === undefined && Date.parse(f.dueAt) <= now)
    .map((f) => Date.parse(f.dueAt));
  return missed.length > 0 ? Math.min(...missed) : now;
}

export async function supervisionQueue(
  deps: { store: Pick<OrderStore, 'list'>; present: (v: OrderView) => OrderView; now: number },
  p: Principal,
  limit: number,
): Promise<{ items: OrderView[]; truncated: boolean }> {
  const filter = visibleQuery(p, { overdue: true, states: [...OPEN] });
  if (!filter) return { items: [], truncated: false };
  const wanted = queueLevel(p);
  const found: OrderView[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.store.list({ ...filter, cursor, limit: 200 });
    read += page.items.length;
    found.push(...page.items.filter((v) => reaches(v.supervision?.level, wanted)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && read < SUPERVISION_SCAN_LIMIT);
  const rank = (v: OrderView) => (v.supervision?.level === 'district' ? 0 : 1);
  const shown = found
    .map(deps.present)
    .sort((a, b) => rank(a) - rank(b) || firstMissed(a, deps.now) - firstMissed(b, deps.now));
  return { items: shown.slice(0, limit), truncated: cursor !== undefined || shown.length > limit };
}
