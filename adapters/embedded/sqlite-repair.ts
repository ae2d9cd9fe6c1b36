// SLA repair for the embedded store: re-folds every order from its events, re-assesses it with the
// current projection (policy, calendar, places), rewrites the derived columns that moved, re-sums the
// rollups, and reports the orders whose figures changed.
import type Database from 'better-sqlite3';
import type { OrderView } from '../../contracts/views.js';
import type { Contribution } from '../../src/domain/metrics/contribution.js';
import { evolve } from '../../src/domain/lifecycle/evolve.js';
import type { Projection, RepairChange } from '../../src/ports/order-store.js';
import { eventOfRow, type EventRow } from './sqlite-event-rows.js';
import type { SqliteRollups } from './sqlite-rollups.js';
import { viewColumns } from './sqlite-view-columns.js';

interface RepairRow {
  n: number;
  id: string;
  view: string;
  next_fire_at: number | null;
  sla: string | null;
  overdue: number;
  unsatisfied: number;
  place_code: string;
}

const figuresOf = (sla: string | null): RepairChange['before'] =>
  sla === null ? [] : (JSON.parse(sla) as RepairChange['before']);

export function repairOrders(
  db: Database.Database,
  rollups: SqliteRollups,
  project: Projection | undefined,
): { orders: number; changes: RepairChange[] } {
  const stmt = {
    batch: db.prepare<[number, number], RepairRow>(
      'SELECT n, id, view, next_fire_at, sla, overdue, unsatisfied, place_code FROM orders WHERE n > ? ORDER BY n LIMIT ?',
    ),
    events: db.prepare<[string], EventRow>(
      'SELECT order_id, seq, at, actor, data FROM events WHERE order_id = ? ORDER BY seq',
    ),
    reindex: db.prepare(
      'UPDATE orders SET view = ?, next_fire_at = ?, sla = ?, overdue = ?, unsatisfied = ?, place_code = ? WHERE id = ?',
    ),
    frozen: db.prepare<[], { cells: string }>('SELECT cells FROM archived_contributions'),
  };
  const changes: RepairChange[] = [];
  let orders = 0;
  // Rollups are re-summed from scratch (in memory, written at the end: SqliteRollups.beginBulk);
  // a repair cut short is finished by running it again.
  db.transaction(() => rollups.clearAll())();
  rollups.beginBulk();
  // Archived orders are closed: their last contribution is final and counted as it was.
  for (const f of stmt.frozen.iterate()) rollups.addFrozen(JSON.parse(f.cells) as Contribution[]);
  const batch = db.transaction((rows: RepairRow[]) => {
    for (const row of rows) {
      const view = stmt.events
        .all(row.id)
        .map(eventOfRow)
        .reduce<OrderView | null>((v, e) => evolve(v, e), null);
      if (!view) continue;
      const c = viewColumns(view, project);
      if (c.contributions) rollups.apply(view.id, c.contributions);
      if (c.sla !== row.sla)
        changes.push({ orderId: row.id, before: figuresOf(row.sla), after: figuresOf(c.sla) });
      const json = JSON.stringify(view);
      // Most rows come out as they were: rewriting them would only cost page writes.
      if (
        json !== row.view ||
        c.nextFireAt !== row.next_fire_at ||
        c.sla !== row.sla ||
        c.overdue !== row.overdue ||
        c.unsatisfied !== row.unsatisfied ||
        c.placeCode !== row.place_code
      )
        stmt.reindex.run(json, c.nextFireAt, c.sla, c.overdue, c.unsatisfied, c.placeCode, row.id);
    }
  });
  try {
    for (let after = 0; ;) {
      const rows = stmt.batch.all(after, 2000);
      const last = rows.at(-1);
      if (!last) break;
      batch(rows);
      orders += rows.length;
      after = last.n;
    }
    db.transaction(() => rollups.endBulk())();
  } finally {
    rollups.dropBulk();
  }
  return { orders, changes };
}
