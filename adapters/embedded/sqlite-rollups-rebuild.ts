// The rollups alone, re-summed from the stored views: for a change of the assessment configuration,
// which moves what each order contributes but no view, no SLA figure and no due time. One read of the
// orders table in batches (no events, no fold, no view written back), one projection call per view,
// the sums gathered in memory and written in bulk (SqliteRollups.beginBulk). After a policy, calendar
// or places change use the full repair (sqlite-repair.ts): it re-folds and re-indexes as well.
import type Database from 'better-sqlite3';
import type { OrderView } from '../../contracts/views.js';
import type { Contribution } from '../../src/domain/metrics/contribution.js';
import type { Projection } from '../../src/ports/order-store.js';
import type { SqliteRollups } from './sqlite-rollups.js';

/** Orders per read: large enough that the statement is cheap per row, small enough to stay bounded. */
const BATCH = 5000;

export function rebuildRollups(
  db: Database.Database,
  rollups: SqliteRollups,
  project: Projection | undefined,
): { orders: number } {
  const stmt = {
    batch: db.prepare<[number, number], { n: number; id: string; view: string }>(
      'SELECT n, id, view FROM orders WHERE n > ? ORDER BY n LIMIT ?',
    ),
    frozen: db.prepare<[], { cells: string }>('SELECT cells FROM archived_contributions'),
  };
  let orders = 0;
  // As the full repair: from scratch, so a rebuild cut short is finished by running it again.
  db.transaction(() => rollups.clearAll())();
  rollups.beginBulk();
  for (const f of stmt.frozen.iterate()) rollups.addFrozen(JSON.parse(f.cells) as Contribution[]);
  const batch = db.transaction((rows: { id: string; view: string }[]) => {
    for (const row of rows) {
      const cells = project?.(JSON.parse(row.view) as OrderView).contributions;
      if (cells) rollups.apply(row.id, cells);
    }
  });
  try {
    for (let after = 0; ;) {
      const rows = stmt.batch.all(after, BATCH);
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
  return { orders };
}
