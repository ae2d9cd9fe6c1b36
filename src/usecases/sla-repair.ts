// SLA repair: after a policy or calendar change, recompute every order's figures from its events and
// say what moved: how many orders changed, which targets became breached and which no longer are.
import type { RepairChange, SlaIndex, StoredFigure } from '../ports/order-store.js';

export interface RepairReport {
  orders: number;
  changed: number;
  becameBreached: { orderId: string; target: string; cycle: number }[];
  noLongerBreached: { orderId: string; target: string; cycle: number }[];
  dueMoved: number;
}

const key = (f: StoredFigure) => `${f.target}:${f.cycle}`;

export function summarise(orders: number, changes: readonly RepairChange[]): RepairReport {
  const report: RepairReport = {
    orders,
    changed: changes.length,
    becameBreached: [],
    noLongerBreached: [],
    dueMoved: 0,
  };
  for (const c of changes) {
    const before = new Map(c.before.map((f) => [key(f), f]));
    for (const after of c.after) {
      const old = before.get(key(after));
      const breached = (status: string | undefined) => status === 'late' || status === 'overdue';
      const was = breached(old?.status);
      const is = breached(after.status);
      if (is && !was)
        report.becameBreached.push({
          orderId: c.orderId,
          target: after.target,
          cycle: after.cycle,
        });
      if (was && !is)
        report.noLongerBreached.push({
          orderId: c.orderId,
          target: after.target,
          cycle: after.cycle,
        });
      if (old && old.dueAt !== after.dueAt) report.dueMoved += 1;
    }
  }
  return report;
}

export async function repairSla(index: SlaIndex): Promise<RepairReport> {
  const { orders, changes } = await index.repair();
  return summarise(orders, changes);
}
