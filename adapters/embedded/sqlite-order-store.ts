// The embedded order store: SQLite in WAL mode, one file holding the event log, the views folded
// from it, their SLA index columns and the auditors' rollups, all written in one transaction. This
// file opens the database and puts the parts together, one job each:
//   sqlite-group-commit.ts    the write queue, one transaction per event-loop turn, the WAL fsync
//   sqlite-order-writes.ts    intake and append transactions (idempotency, optimistic concurrency)
//   sqlite-view-columns.ts    what is kept beside a view, from the wiring's projection
//   sqlite-order-queries.ts   reads: one order, events, raw bytes, lists, phone index, the log
//   sqlite-sla-index.ts       due orders, the next fire time, emitting what is due
//   sqlite-repair.ts          re-assessing every order after a policy change
//   sqlite-rollups-rebuild.ts re-summing the rollups alone after an assessment change
//   sqlite-archived-orders.ts orders retention moved to the archive file
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderView } from '../../contracts/views.js';
import type {
  ListQuery,
  OrderStore,
  Projection,
  RawRequest,
  RepairChange,
  SlaIndex,
  Submission,
  SubmitOutcome,
} from '../../src/ports/order-store.js';
import { migrate } from './migrations/run-migrations.js';
import { SqliteArchive, type ArchiveRun } from './sqlite-archive.js';
import { SqliteArchivedOrders } from './sqlite-archived-orders.js';
import { SqliteGroupCommit } from './sqlite-group-commit.js';
import { SqliteOrderQueries } from './sqlite-order-queries.js';
import { SqliteOrderWrites } from './sqlite-order-writes.js';
import { repairOrders } from './sqlite-repair.js';
import { SqliteRollups } from './sqlite-rollups.js';
import { rebuildRollups } from './sqlite-rollups-rebuild.js';
import { SqliteSlaIndex } from './sqlite-sla-index.js';

/** The page cache of the store's connection (KiB); memory, not durability. */
const cacheKiB = 64 * 1024;

export interface SqliteOptions {
  /**
   * What is kept beside each view (SLA index entry, rollup contribution, place code), from the
   * wiring (src/usecases/store-projection.ts); none: no SLA index, no rollups.
   */
  project?: Projection;
  /** A file path, or ':memory:' for tests that need no durability. */
  path: string;
  /** Where archived orders go (retention); default: beside `path`, `<name>.archive.sqlite`. */
  archivePath?: string;
  /** 'full' fsyncs every commit (survives power loss); 'normal' survives a process crash only. */
  synchronous?: 'full' | 'normal';
}

function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // WAL + NORMAL never corrupts and loses nothing on a process crash; 'full' adds our own fsync of
  // the WAL before each acknowledgement (sqlite-group-commit.ts), which FULL would do in the commit.
  db.pragma(`synchronous = ${path === ':memory:' ? 'FULL' : 'NORMAL'}`);
  db.pragma('busy_timeout = 5000');
  // SQLite's default page cache is 2 MB: a burst (10,000 SLA breaches rewrite 10,000 views) or a
  // busy intake would spill dirty pages mid-transaction and re-read index pages from the file.
  db.pragma(`cache_size = -${cacheKiB}`);
  migrate(db);
  return db;
}

export class SqliteOrderStore implements OrderStore, SlaIndex {
  private readonly db: Database.Database;
  /** The rollups, kept in the same file and the same transactions as the orders. */
  readonly metrics: SqliteRollups;
  private readonly project: Projection | undefined;
  private readonly commits: SqliteGroupCommit;
  private readonly writes: SqliteOrderWrites;
  private readonly queries: SqliteOrderQueries;
  private readonly slaIndex: SqliteSlaIndex;
  /** Closed orders moved out of the hot file (retention). */
  private readonly archive: SqliteArchivedOrders;

  constructor(options: SqliteOptions) {
    const memory = options.path === ':memory:';
    this.db = openDatabase(options.path);
    this.project = options.project;
    this.metrics = new SqliteRollups(this.db);
    const archivePath =
      options.archivePath ??
      (memory ? null : `${options.path.replace(/\.sqlite$/, '')}.archive.sqlite`);
    this.archive = new SqliteArchivedOrders(
      this.db,
      archivePath === null ? null : new SqliteArchive(archivePath),
    );
    const walPath = !memory && options.synchronous !== 'normal' ? `${options.path}-wal` : null;
    this.commits = new SqliteGroupCommit(this.db, walPath);
    this.writes = new SqliteOrderWrites(this.db, this.project, this.metrics, this.archive);
    this.queries = new SqliteOrderQueries(this.db, this.archive);
    this.slaIndex = new SqliteSlaIndex(this.db, this.commits, this.writes);
  }

  submit(submission: Submission): Promise<SubmitOutcome> {
    return this.commits.enqueue(() => this.writes.submit(submission));
  }

  append(orderId: string, expectedVersion: number, events: NewEvent[]): Promise<OrderView> {
    return this.commits.enqueue(() => this.writes.append(orderId, expectedVersion, events));
  }

  async get(orderId: string): Promise<OrderView | null> {
    return this.queries.get(orderId);
  }

  async events(orderId: string): Promise<OrderEvent[]> {
    return this.queries.events(orderId);
  }

  async list(query: ListQuery): Promise<OrderPage> {
    return this.queries.list(query);
  }

  async byCallerPhone(phone: string, receivedFrom: number, limit: number): Promise<OrderView[]> {
    return this.queries.byCallerPhone(phone, receivedFrom, limit);
  }

  async raw(orderId: string): Promise<RawRequest[]> {
    return this.queries.raw(orderId);
  }

  async readLog(after: number, limit: number): Promise<{ position: number; event: OrderEvent }[]> {
    return this.queries.readLog(after, limit);
  }

  async due(nowMs: number, limit: number): Promise<string[]> {
    return this.slaIndex.due(nowMs, limit);
  }

  async nextFireAt(): Promise<number | null> {
    return this.slaIndex.nextFireAt();
  }

  emitDue(
    ids: readonly string[],
    decide: (view: OrderView) => NewEvent[],
  ): Promise<{ emitted: number; failed: { orderId: string; error: Error }[] }> {
    return this.slaIndex.emitDue(ids, decide);
  }

  /** Re-assesses every order with the current projection; reports the orders whose figures moved. */
  async repair(): Promise<{ orders: number; changes: RepairChange[] }> {
    return repairOrders(this.db, this.metrics, this.project);
  }

  /** Re-sums the rollups from the stored views (an assessment change: no view or figure moves). */
  async rebuildRollups(): Promise<{ orders: number }> {
    return rebuildRollups(this.db, this.metrics, this.project);
  }

  /**
   * Retention: moves closed orders last changed before `beforeMs` into the archive file (events,
   * view and raw bytes), leaving their identity and final rollup contribution behind.
   */
  archiveClosed(beforeMs: number): ArchiveRun {
    return this.archive.archiveClosed(beforeMs);
  }

  /** Every archived order with its events and raw bytes (for an export). */
  archived(): Iterable<{ view: OrderView; events: OrderEvent[]; raw: RawRequest[] }> {
    return this.archive.all();
  }

  async close(): Promise<void> {
    await this.commits.drain();
    this.archive.close();
    this.db.close();
  }
}
