// Reads of several orders at once (Open311 lookups and lists, any batch read) through the one
// visibility rule of access.ts, so a route cannot hand a caller an order it may not see.
import type { OrderView } from '../../contracts/views.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { Principal } from './principal.js';
import type { ListQuery, OrderStore } from '../ports/order-store.js';
import { canSee, visibleQuery } from './access.js';

type Deps = { store: Pick<OrderStore, 'get' | 'list'>; places: PlaceIndex };

/** The orders of these ids the caller may see, in the order asked; others are silently left out. */
export async function findVisibleOrders(
  deps: Deps,
  p: Principal,
  ids: readonly string[],
): Promise<OrderView[]> {
  const views: OrderView[] = [];
  for (const id of ids) {
    const v = await deps.store.get(id);
    if (v && canSee(p, v, deps.places)) views.push(v);
  }
  return views;
}

/** Up to `max` orders matching `filter` that the caller may see, oldest first, read page by page. */
export async function listVisibleOrders(
  deps: Deps,
  p: Principal,
  filter: Omit<ListQuery, 'limit' | 'cursor'>,
  max: number,
): Promise<OrderView[]> {
  const q = visibleQuery(p, filter);
  if (!q) return [];
  const views: OrderView[] = [];
  let cursor: string | undefined;
  while (views.length < max) {
    const page = await deps.store.list({ ...q, cursor, limit: Math.min(100, max - views.length) });
    // The rule applied once more on each view: a store that filtered loosely cannot leak an order.
    views.push(...page.items.filter((v) => canSee(p, v, deps.places)));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return views;
}
