// SLA repair in cluster mode: re-folds every order from its timeline, re-assesses it with the current
// projection (policy, calendar, places), rewrites its view, index entries and rollup contribution
// (the reindex script), and reports the orders whose figures changed.
import type { OrderView } from '../../contracts/views.js';
import { evolve } from '../../src/domain/lifecycle/evolve.js';
import type { Projection, RepairChange } from '../../src/ports/order-store.js';
import type { ClusterOrderQueries } from './cluster-order-queries.js';
import { keyOf, type ClusterKeys } from './cluster-store-keys.js';
import { clusterViewColumns } from './cluster-view-columns.js';

export async function repairClusterOrders(
  k: ClusterKeys,
  reads: ClusterOrderQueries,
  project: Projection | undefined,
): Promise<{ orders: number; changes: RepairChange[] }> {
  const changes: RepairChange[] = [];
  const ids = await k.redis.zrange(keyOf(k, 'idx:all'), '0', '-1');
  for (const id of ids) {
    const events = await reads.events(id);
    const view = events.reduce<OrderView | null>((v, e) => evolve(v, e), null);
    if (!view) continue;
    const before = await k.redis.hget(keyOf(k, 'o:', id), 'sla');
    const c = clusterViewColumns(view, project);
    if ((before ?? '') !== c.sla)
      changes.push({
        orderId: id,
        before: before ? (JSON.parse(before) as RepairChange['before']) : [],
        after: c.sla ? (JSON.parse(c.sla) as RepairChange['after']) : [],
      });
    await k.run('reindex', [
      k.prefix,
      id,
      view.version,
      JSON.stringify(view),
      c.nextFireAt ?? '',
      c.sla,
      c.overdue,
      c.unsatisfied,
      c.placeCode,
      c.contributions,
    ]);
  }
  return { orders: ids.length, changes };
}
