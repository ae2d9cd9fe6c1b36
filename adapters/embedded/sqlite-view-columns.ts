// The columns the orders table keeps beside each view, for the SLA index and the list filters, and
// the view's rollup contribution: from one call of the wiring's projection, inside the transaction
// that writes the view.
import type { OrderView } from '../../contracts/views.js';
import { lastValidCallback } from '../../src/domain/lifecycle/callbacks.js';
import type { Contribution } from '../../src/domain/metrics/contribution.js';
import type { Projection } from '../../src/ports/order-store.js';

export interface ViewColumns {
  nextFireAt: number | null;
  /** The stored figures as JSON; null: the store keeps no SLA index. */
  sla: string | null;
  overdue: 0 | 1;
  unsatisfied: 0 | 1;
  placeCode: string;
  /** Absent: no rollups kept. */
  contributions: Contribution[] | undefined;
}

export function viewColumns(view: OrderView, project: Projection | undefined): ViewColumns {
  const p = project?.(view);
  return {
    nextFireAt: p?.nextFireAt ?? null,
    sla: p ? JSON.stringify(p.figures) : null,
    overdue: p?.figures.some((f) => f.status === 'overdue') ? 1 : 0,
    unsatisfied: lastValidCallback(view)?.satisfaction === 'unsatisfied' ? 1 : 0,
    placeCode: p?.placeCode ?? view.route.place?.code ?? view.order.location.divisionCode ?? '',
    contributions: p?.contributions,
  };
}
