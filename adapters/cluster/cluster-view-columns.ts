// What the cluster views keep beside each view for the SLA index, the list filters and the rollups,
// from one call of the wiring's projection, as the embedded store does (sqlite-view-columns.ts).
import type { OrderView } from '../../contracts/views.js';
import { lastValidCallback } from '../../src/domain/lifecycle/callbacks.js';
import type { Projection } from '../../src/ports/order-store.js';

export interface ClusterViewColumns {
  nextFireAt: number | null;
  /** The stored figures as JSON; '': the store keeps no SLA index. */
  sla: string;
  overdue: 0 | 1;
  unsatisfied: 0 | 1;
  placeCode: string;
  /** The rollup contribution as JSON; '': no rollups kept. */
  contributions: string;
}

export function clusterViewColumns(
  view: OrderView,
  project: Projection | undefined,
): ClusterViewColumns {
  const p = project?.(view);
  return {
    nextFireAt: p?.nextFireAt ?? null,
    sla: p ? JSON.stringify(p.figures) : '',
    overdue: p?.figures.some((f) => f.status === 'overdue') ? 1 : 0,
    unsatisfied: lastValidCallback(view)?.satisfaction === 'unsatisfied' ? 1 : 0,
    placeCode: p?.placeCode ?? view.route.place?.code ?? view.order.location.divisionCode ?? '',
    contributions: p?.contributions ? JSON.stringify(p.contributions) : '',
  };
}
