// 退单审核中 as a station sees it: the orders it returned that still wait for a dispatcher's review.
// A return takes the order away from the station (state `returned`, no station), so the one
// visibility rule no longer shows it there; yet the worker must not lose sight of it, since a
// rejection brings it back. A station reads these, and only these, read-only; a dispatcher, an admin
// or a reader scoped to the station's place reads the same list through their own visible query.
import type { OrderView } from '../../contracts/views.js';
import type { OrderStore } from '../ports/order-store.js';
import { visibleQuery } from './access.js';
import type { Principal } from './principal.js';

/** How many orders awaiting review one request reads at most (the review queue is short). */
export const RETURNS_SCAN_LIMIT = 2000;

/** The return on top: this station's, and not decided yet. */
export const awaitsReviewFrom = (v: OrderView, stationId: string): boolean => {
  const last = v.returns.at(-1);
  return (
    v.state === 'returned' && last?.stationId === stationId && last.review?.status === 'pending'
  );
};

export async function returnsAwaitingReview(
  deps: { store: Pick<OrderStore, 'list'> },
  p: Principal,
  stationId: string,
): Promise<{ items: OrderView[]; truncated: boolean }> {
  const states = ['returned'] as const;
  // The station's own returns are found by who returned them, which visibleQuery (by holder) cannot
  // say; every other reader is held by its scope as everywhere.
  const filter =
    p.role === 'station' ? (p.id === stationId ? { states } : null) : visibleQuery(p, { states });
  if (!filter) return { items: [], truncated: false };
  const items: OrderView[] = [];
  let cursor: string | undefined;
  let read = 0;
  do {
    const page = await deps.store.list({ ...filter, cursor, limit: 200 });
    read += page.items.length;
    items.push(...page.items.filter((v) => awaitsReviewFrom(v, stationId)));
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined && read < RETURNS_SCAN_LIMIT);
  return { items, truncated: cursor !== undefined };
}
