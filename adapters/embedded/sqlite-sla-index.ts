// The embedded SLA index: `next_fire_at` on the orders table (indexed), written with each view, so a
// sweep reads only what is due. `emitDue` reads, decides and appends each due order inside the
// store's transaction, so the sweeper never races a station's write.
import type Database from 'better-sqlite3';
import type { NewEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import type { SlaIndex } from '../../src/ports/order-store.js';
import type { SqliteGroupCommit } from './sqlite-group-commit.js';
import type { SqliteOrderWrites } from './sqlite-order-writes.js';

type EmitResult = Awaited<ReturnType<NonNullable<SlaIndex['emitDue']>>>;

export class SqliteSlaIndex {
  private readonly stmt;

  constructor(
    db: Database.Database,
    private readonly commits: SqliteGroupCommit,
    private readonly writes: SqliteOrderWrites,
  ) {
    this.stmt = {
      due: db.prepare<[number, number], { id: string }>(
        'SELECT id FROM orders WHERE next_fire_at IS NOT NULL AND next_fire_at <= ? ORDER BY next_fire_at LIMIT ?',
      ),
      nextFire: db.prepare<[], { at: number | null }>(
        'SELECT MIN(next_fire_at) AS at FROM orders WHERE next_fire_at IS NOT NULL',
      ),
      // A chunk's views in one statement (ids as a JSON array), read inside the writing transaction.
      views: db.prepare<[string], { id: string; view: string }>(
        'SELECT id, view FROM orders WHERE id IN (SELECT value FROM json_each(?))',
      ),
    };
  }

  due(nowMs: number, limit: number): string[] {
    return this.stmt.due.all(nowMs, limit).map((r) => r.id);
  }

  nextFireAt(): number | null {
    return this.stmt.nextFire.get()?.at ?? null;
  }

  emitDue(ids: readonly string[], decide: (view: OrderView) => NewEvent[]): Promise<EmitResult> {
    return this.commits.enqueue(() => {
      let emitted = 0;
      const failed: EmitResult['failed'] = [];
      // Each order once, in the order asked; an id with no hot row is skipped (archived or gone).
      const views = new Map(this.stmt.views.all(JSON.stringify(ids)).map((r) => [r.id, r.view]));
      for (const orderId of new Set(ids)) {
        const json = views.get(orderId);
        if (json === undefined) continue;
        try {
          // A savepoint each, so one order that cannot be written never takes the others with it.
          this.commits.inSavepoint(() => {
            const current = JSON.parse(json) as OrderView;
            const events = decide(current);
            if (events.length === 0) return;
            this.writes.appendTo(current, events);
            emitted += events.length;
          });
        } catch (err) {
          failed.push({ orderId, error: err instanceof Error ? err : new Error(String(err)) });
        }
      }
      return { emitted, failed };
    });
  }
}
