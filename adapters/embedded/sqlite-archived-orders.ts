// Reading orders that retention moved out of the hot file: the hot file keeps their identity
// (archived_orders, migration 004), the archive file their events, view and raw bytes. A repeated
// push, `get`, `events` and `raw` find them here; the archive file may not exist yet.
import type Database from 'better-sqlite3';
import { existsSync } from 'node:fs';
import type { OrderEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import type { RawRequest } from '../../src/ports/order-store.js';
import type { ArchiveRun, SqliteArchive } from './sqlite-archive.js';

export class SqliteArchivedOrders {
  private readonly stmt;

  /** `archive`: null for an in-memory store, which has none. */
  constructor(
    private readonly db: Database.Database,
    private readonly archive: SqliteArchive | null,
  ) {
    this.stmt = {
      byExternal: db.prepare<[string, string], { id: string }>(
        'SELECT id FROM archived_orders WHERE source = ? AND external_id = ?',
      ),
      isArchived: db.prepare<[string], { id: string }>(
        'SELECT id FROM archived_orders WHERE id = ?',
      ),
    };
  }

  private has(orderId: string): boolean {
    return this.archive !== null && this.stmt.isArchived.get(orderId) !== undefined;
  }

  /** An archived order's view (null if it is not archived). */
  view(orderId: string): OrderView | null {
    if (!this.archive || !existsSync(this.archive.path) || !this.has(orderId)) return null;
    return this.archive.read(orderId)?.view ?? null;
  }

  /** The archived order a platform's (source, externalId) names, if any. */
  byExternal(source: string, externalId: string): OrderView | null {
    const row = this.stmt.byExternal.get(source, externalId);
    return row ? this.view(row.id) : null;
  }

  /** An archived order's events; null if it is not archived. */
  events(orderId: string): OrderEvent[] | null {
    return this.archive && this.has(orderId) ? this.archive.events(orderId) : null;
  }

  /** An archived order's raw request bytes; null if it is not archived. */
  raw(orderId: string): RawRequest[] | null {
    return this.archive && this.has(orderId) ? this.archive.raw(orderId) : null;
  }

  /** Moves closed orders last changed before `beforeMs` into the archive file. */
  archiveClosed(beforeMs: number): ArchiveRun {
    if (!this.archive) throw new Error('an in-memory store has no archive');
    return this.archive.archiveClosed(this.db, new Date(beforeMs).toISOString());
  }

  /** Every archived order with its events and raw bytes (for an export). */
  all(): Iterable<{ view: OrderView; events: OrderEvent[]; raw: RawRequest[] }> {
    if (!this.archive || !existsSync(this.archive.path)) return [];
    return this.archive.all();
  }

  close(): void {
    this.archive?.close();
  }
}
