// Retention for the embedded store: closed orders older than a cut-off move out of the hot file into
// an archive SQLite file beside it (events, the view and the raw request bytes, byte for byte), so the
// hot store holds what is live and stops growing with years of history. The move is two steps, each
// idempotent: copy into the archive (its own transaction, INSERT OR IGNORE), then delete from the hot
// file (one transaction that also leaves the identity and the final rollup contribution behind,
// migration 004). A crash between them leaves an order in both files; the next run finishes it.
import Database from 'better-sqlite3';
import type { OrderEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import type { RawRequest } from '../../src/ports/order-store.js';

export interface ArchivedOrder {
  view: OrderView;
  events: OrderEvent[];
  raw: RawRequest[];
}

export interface ArchiveRun {
  orders: number;
  events: number;
  rawBytes: number;
}

const schema = `
CREATE TABLE IF NOT EXISTS orders (
  id TEXT PRIMARY KEY, source TEXT NOT NULL, external_id TEXT NOT NULL, view TEXT NOT NULL,
  archived_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  order_id TEXT NOT NULL, seq INTEGER NOT NULL, type TEXT NOT NULL, at TEXT NOT NULL,
  actor TEXT NOT NULL, data TEXT NOT NULL, PRIMARY KEY (order_id, seq)
);
CREATE TABLE IF NOT EXISTS raw_requests (
  id INTEGER PRIMARY KEY, order_id TEXT NOT NULL, received_at TEXT NOT NULL,
  content_type TEXT NOT NULL, body BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS raw_by_order ON raw_requests (order_id);
`;

/** The archive file: written by `archiveClosed`, read for exports and for reads of archived orders. */
export class SqliteArchive {
  private db: Database.Database | null = null;

  constructor(readonly path: string) {}

  private open(): Database.Database {
    if (!this.db) {
      this.db = new Database(this.path);
      this.db.pragma('journal_mode = WAL');
      this.db.pragma('synchronous = FULL');
      this.db.exec(schema);
    }
    return this.db;
  }

  /**
   * Moves the closed orders last changed before `beforeIso` out of `hot` (the store's connection),
   * `batch` orders per transaction pair.
   */
  archiveClosed(hot: Database.Database, beforeIso: string, batch = 1000): ArchiveRun {
    const arc = this.open();
    const run: ArchiveRun = { orders: 0, events: 0, rawBytes: 0 };
    const candidates = hot.prepare<[number, string, number], { n: number; id: string }>(
      `SELECT n, id FROM orders WHERE state = 'closed' AND n > ? AND json_extract(view, '$.updatedAt') < ? ORDER BY n LIMIT ?`,
    );
    const orderRow = hot.prepare<
      [string],
      { id: string; source: string; external_id: string; view: string }
    >('SELECT id, source, external_id, view FROM orders WHERE id = ?');
    const eventRows = hot.prepare<
      [string],
      { order_id: string; seq: number; type: string; at: string; actor: string; data: string }
    >('SELECT order_id, seq, type, at, actor, data FROM events WHERE order_id = ? ORDER BY seq');
    const rawRows = hot.prepare<
      [string],
      { id: number; order_id: string; received_at: string; content_type: string; body: Buffer }
    >('SELECT id, order_id, received_at, content_type, body FROM raw_requests WHERE order_id = ?');
    const putOrder = arc.prepare(
      'INSERT OR IGNORE INTO orders (id, source, external_id, view, archived_at) VALUES (?, ?, ?, ?, ?)',
    );
    const putEvent = arc.prepare(
      'INSERT OR IGNORE INTO events (order_id, seq, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const putRaw = arc.prepare(
      'INSERT OR IGNORE INTO raw_requests (id, order_id, received_at, content_type, body) VALUES (?, ?, ?, ?, ?)',
    );
    const leaveIdentity = hot.prepare(
      'INSERT OR IGNORE INTO archived_orders (id, source, external_id, archived_at) VALUES (?, ?, ?, ?)',
    );
    const freezeContribution = hot.prepare(
      'INSERT OR REPLACE INTO archived_contributions (order_id, cells) SELECT order_id, cells FROM contributions WHERE order_id = ?',
    );
    const deletes = [
      'DELETE FROM contributions WHERE order_id = ?',
      'DELETE FROM events WHERE order_id = ?',
      'DELETE FROM raw_requests WHERE order_id = ?',
      // 协办 parts' inbox rows (migration 006): left behind, they would outlive the order they name.
      'DELETE FROM order_assists WHERE order_id = ?',
      'DELETE FROM orders WHERE id = ?',
    ].map((sql) => hot.prepare(sql));
    const now = new Date().toISOString();
    const copy = arc.transaction((ids: string[]) => {
      for (const id of ids) {
        const o = orderRow.get(id);
        if (!o) continue;
        putOrder.run(o.id, o.source, o.external_id, o.view, now);
        for (const e of eventRows.all(id)) {
          putEvent.run(e.order_id, e.seq, e.type, e.at, e.actor, e.data);
          run.events += 1;
        }
        for (const r of rawRows.all(id)) {
          putRaw.run(r.id, r.order_id, r.received_at, r.content_type, r.body);
          run.rawBytes += r.body.length;
        }
      }
    });
    const remove = hot.transaction((ids: string[]) => {
      for (const id of ids) {
        const o = orderRow.get(id);
        if (!o) continue;
        leaveIdentity.run(o.id, o.source, o.external_id, now);
        freezeContribution.run(id);
        for (const d of deletes) d.run(id);
        run.orders += 1;
      }
    });
    for (let after = 0; ;) {
      const rows = candidates.all(after, beforeIso, batch);
      const last = rows.at(-1);
      if (!last) break;
      const ids = rows.map((r) => r.id);
      copy(ids); // durable in the archive (synchronous=FULL) before anything leaves the hot file
      remove(ids);
      after = last.n;
    }
    return run;
  }

  /** One archived order, or null (also when there is no archive file yet). */
  read(orderId: string): ArchivedOrder | null {
    const arc = this.open();
    const o = arc
      .prepare<[string], { view: string }>('SELECT view FROM orders WHERE id = ?')
      .get(orderId);
    if (!o) return null;
    return {
      view: JSON.parse(o.view) as OrderView,
      events: this.events(orderId),
      raw: this.raw(orderId),
    };
  }

  events(orderId: string): OrderEvent[] {
    return this.open()
      .prepare<
        [string],
        { order_id: string; seq: number; at: string; actor: string; data: string }
      >('SELECT order_id, seq, at, actor, data FROM events WHERE order_id = ? ORDER BY seq')
      .all(orderId)
      .map((r) => ({
        orderId: r.order_id,
        seq: r.seq,
        at: r.at,
        actor: JSON.parse(r.actor) as OrderEvent['actor'],
        data: JSON.parse(r.data) as OrderEvent['data'],
      }));
  }

  raw(orderId: string): RawRequest[] {
    return this.open()
      .prepare<[string], { received_at: string; content_type: string; body: Buffer }>(
        'SELECT received_at, content_type, body FROM raw_requests WHERE order_id = ? ORDER BY id',
      )
      .all(orderId)
      .map((r) => ({
        receivedAt: r.received_at,
        contentType: r.content_type,
        body: new Uint8Array(r.body),
      }));
  }

  /** Every archived order, oldest archived first, for an export. */
  *all(): Generator<ArchivedOrder> {
    const ids = this.open()
      .prepare<[], { id: string }>('SELECT id FROM orders ORDER BY rowid')
      .all();
    for (const { id } of ids) {
      const o = this.read(id);
      if (o) yield o;
    }
  }

  close(): void {
    this.db?.close();
    this.db = null;
  }
}
