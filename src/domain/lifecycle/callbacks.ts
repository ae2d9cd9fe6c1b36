// Which callback survey (回访) counts: the last valid one of the order. An invalid survey (nobody
// reached, a wrong number) never replaces a valid answer; the stores and the exports read it here.
import type { OrderView } from '../../../contracts/views.js';

export function lastValidCallback(view: Pick<OrderView, 'callbacks'>) {
  return [...view.callbacks].reverse().find((c) => c.valid);
}
