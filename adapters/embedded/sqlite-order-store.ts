// The embedded order store: SQLite in WAL mode. Each submit or append is one transaction that writes
// the events and the folded view together; better-sqlite3 is synchronous, so within this process a
// transaction is also a critical section and optimistic concurrency reduces to a version check.
// Durability ('full'): the commit itself runs with synchronous=NORMAL, and the WAL file is fsynced
// off the event loop (libuv's pool) before anyone in the batch hears of success; batches committed
// while one fsync runs share the next, so the loop keeps parsing requests while the disk works.
import { decodeCursor, encodeCursor } from '../position-cursor.js';
import Database from 'better-sqlite3';
import { closeSync, existsSync, fdatasync, fdatasyncSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderView } from '../../contracts/views.js';
import { DomainError } from '../../src/domain/errors.js';
import { evolve } from '../../src/domain/lifecycle/evolve.js';
import type {
  ListQuery,
  OrderStore,
  RawRequest,
  RepairChange,
  Schedule,
  SlaIndex,
  Submission,
  SubmitOutcome,
} from '../../src/ports/order-store.js';
import { migrate } from './migrations/run-migrations.js';
import { SqliteRollups } from './sqlite-rollups.js';
import { SqliteArchive, type ArchiveRun } from './sqlite-archive.js';
import { timedCommit } from '../../src/telemetry/store-signals.js';
import type { Contribution } from '../../src/domain/metrics/contribution.js';
import { lastValidCallback } from '../../src/domain/lifecycle/callbacks.js';

/** The page cache of the store's connection (KiB); memory, not durability. */
const cacheKiB = 64 * 1024;

export interface SqliteOptions {
  /** Computes the SLA index entries of a view (see src/ports/order-store.ts); none: no SLA index. */
  schedule?: Schedule;
  /** What a view adds to the metrics rollups; none: no rollups kept. */
  contribute?: (view: OrderView) => Contribution[];
  /** The division code an order is counted under (auditor scopes); default: its routed place. */
  placeCode?: (view: OrderView) => string;
  /** A file path, or ':memory:' for tests that need no durability. */
  path: string;
  /** Where archived orders go (retention); default: beside `path`, `<name>.archive.sqlite`. */
  archivePath?: string;
  /** 'full' fsyncs every commit (survives power loss); 'normal' survives a process crash only. */
  synchronous?: 'full' | 'normal';
}

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

interface EventRow {
  order_id: string;
  seq: number;
  at: string;
  actor: string;
  data: string;
}

export class SqliteOrderStore implements OrderStore, SlaIndex {
  private readonly db: Database.Database;
  private readonly schedule: Schedule | undefined;
  private readonly contribute: ((view: OrderView) => Contribution[]) | undefined;
  private readonly placeCode: ((view: OrderView) => string) | undefined;
  /** The rollups, kept in the same file and the same transactions as the orders. */
  readonly metrics: SqliteRollups;
  private readonly stmt;
  /** Runs a function in a savepoint (made once: better-sqlite3 builds four wrappers per call). */
  private readonly inSavepoint: (write: () => unknown) => unknown;
  /** The WAL file to fsync before acknowledging ('full' on a file); null: SQLite syncs itself. */
  private readonly walPath: string | null;
  private walFd: number | null = null;
  /** Closed orders moved out of the hot file (retention); null for an in-memory store. */
  private readonly archive: SqliteArchive | null;

  constructor(options: SqliteOptions) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.schedule = options.schedule;
    this.contribute = options.contribute;
    this.placeCode = options.placeCode;
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL never corrupts and loses nothing on a process crash; 'full' adds our own fsync of
    // the WAL before each acknowledgement (see flush), which is what FULL would do inside the commit.
    this.walPath =
      options.path !== ':memory:' && options.synchronous !== 'normal'
        ? `${options.path}-wal`
        : null;
    this.db.pragma(`synchronous = ${options.path === ':memory:' ? 'FULL' : 'NORMAL'}`);
    this.db.pragma('busy_timeout = 5000');
    // SQLite's default page cache is 2 MB: a burst (10,000 SLA breaches rewrite 10,000 views) or a
    // busy intake would spill dirty pages mid-transaction and re-read index pages from the file.
    this.db.pragma(`cache_size = -${cacheKiB}`);
    migrate(this.db);
    this.metrics = new SqliteRollups(this.db);
    this.inSavepoint = this.db.transaction((write: () => unknown) => write());
    const archivePath =
      options.archivePath ??
      (options.path === ':memory:'
        ? null
        : `${options.path.replace(/\.sqlite$/, '')}.archive.sqlite`);
    this.archive = archivePath === null ? null : new SqliteArchive(archivePath);
    this.stmt = {
      byKey: this.db.prepare<[string, string], { body_hash: string; order_id: string }>(
        'SELECT body_hash, order_id FROM idempotency WHERE source = ? AND key = ?',
      ),
      byExternal: this.db.prepare<[string, string], { view: string }>(
        'SELECT view FROM orders WHERE source = ? AND external_id = ?',
      ),
      view: this.db.prepare<[string], { view: string }>('SELECT view FROM orders WHERE id = ?'),
      insertEvent: this.db.prepare(
        'INSERT INTO events (order_id, seq, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertOrder: this.db.prepare(
        'INSERT INTO orders (id, source, external_id, station_id, state, version, view, next_fire_at, sla, overdue, unsatisfied, place_code, received_ms, caller_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateOrder: this.db.prepare(
        'UPDATE orders SET station_id = ?, state = ?, version = ?, view = ?, next_fire_at = ?, sla = ?, overdue = ?, unsatisfied = ?, place_code = ? WHERE id = ? AND version = ?',
      ),
      due: this.db.prepare<[number, number], { id: string }>(
        'SELECT id FROM orders WHERE next_fire_at IS NOT NULL AND next_fire_at <= ? ORDER BY next_fire_at LIMIT ?',
      ),
      nextFire: this.db.prepare<[], { at: number | null }>(
        'SELECT MIN(next_fire_at) AS at FROM orders WHERE next_fire_at IS NOT NULL',
      ),
      repairBatch: this.db.prepare<[number, number], RepairRow>(
        'SELECT n, id, view, next_fire_at, sla, overdue, unsatisfied, place_code FROM orders WHERE n > ? ORDER BY n LIMIT ?',
      ),
      reindex: this.db.prepare(
        'UPDATE orders SET view = ?, next_fire_at = ?, sla = ?, overdue = ?, unsatisfied = ?, place_code = ? WHERE id = ?',
      ),
      archivedByExternal: this.db.prepare<[string, string], { id: string }>(
        'SELECT id FROM archived_orders WHERE source = ? AND external_id = ?',
      ),
      isArchived: this.db.prepare<[string], { id: string }>(
        'SELECT id FROM archived_orders WHERE id = ?',
      ),
      frozen: this.db.prepare<[], { cells: string }>('SELECT cells FROM archived_contributions'),
      insertKey: this.db.prepare(
        'INSERT INTO idempotency (source, key, body_hash, order_id) VALUES (?, ?, ?, ?)',
      ),
      insertRaw: this.db.prepare(
        'INSERT INTO raw_requests (order_id, received_at, content_type, body) VALUES (?, ?, ?, ?)',
      ),
      events: this.db.prepare<[string], EventRow>(
        'SELECT order_id, seq, at, actor, data FROM events WHERE order_id = ? ORDER BY seq',
      ),
      log: this.db.prepare<[number, number], EventRow & { pos: number }>(
        'SELECT pos, order_id, seq, at, actor, data FROM events WHERE pos > ? ORDER BY pos LIMIT ?',
      ),
      raw: this.db.prepare<[string], { received_at: string; content_type: string; body: Buffer }>(
        'SELECT received_at, content_type, body FROM raw_requests WHERE order_id = ? ORDER BY id',
      ),
    };
  }

  private readonly submitTx = (s: Submission): SubmitOutcome => {
    if (s.idempotencyKey !== undefined) {
      const prior = this.stmt.byKey.get(s.source, s.idempotencyKey);
      if (prior) {
        if (prior.body_hash !== s.bodyHash)
          return { status: 'key_conflict', orderId: prior.order_id };
        return { status: 'existing', view: this.mustGet(prior.order_id) };
      }
    }
    const same =
      this.stmt.byExternal.get(s.source, s.externalId) ?? this.archivedView(s.source, s.externalId);
    if (same) {
      const view = typeof same.view === 'string' ? (JSON.parse(same.view) as OrderView) : same.view;
      if (s.idempotencyKey !== undefined)
        this.stmt.insertKey.run(s.source, s.idempotencyKey, s.bodyHash, view.id);
      return { status: 'existing', view };
    }
    const view = this.write(s.orderId, null, s.events);
    const sched = this.scheduled(view, true);
    this.stmt.insertOrder.run(
      view.id,
      s.source,
      s.externalId,
      view.station?.id ?? null,
      view.state,
      view.version,
      JSON.stringify(view),
      sched.nextFireAt,
      sched.sla,
      sched.overdue,
      sched.unsatisfied,
      sched.placeCode,
      Date.parse(view.order.receivedAt),
      view.order.caller.phone ?? null,
    );
    if (s.idempotencyKey !== undefined)
      this.stmt.insertKey.run(s.source, s.idempotencyKey, s.bodyHash, view.id);
    this.stmt.insertRaw.run(view.id, s.raw.receivedAt, s.raw.contentType, Buffer.from(s.raw.body));
    return { status: 'created', view };
  };

  private readonly appendTx = (
    orderId: string,
    expectedVersion: number,
    events: NewEvent[],
  ): OrderView => {
    const current = this.get_(orderId);
    if (!current) throw new DomainError('not_found', `No order ${orderId}`);
    if (current.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `Order ${orderId} is at version ${current.version}, not ${expectedVersion}; reload and retry`,
        { state: current.state },
        true,
      );
    }
    return this.appendTo(current, events);
  };

  /** Appends to an order whose current view was just read in this transaction. */
  private appendTo(current: OrderView, events: NewEvent[]): OrderView {
    const orderId = current.id;
    const expectedVersion = current.version;
    const view = this.write(orderId, current, events);
    const sched = this.scheduled(view);
    this.stmt.updateOrder.run(
      view.station?.id ?? null,
      view.state,
      view.version,
      JSON.stringify(view),
      sched.nextFireAt,
      sched.sla,
      sched.overdue,
      sched.unsatisfied,
      sched.placeCode,
      orderId,
      expectedVersion,
    );
    return view;
  }

  emitDue(
    ids: readonly string[],
    decide: (view: OrderView) => NewEvent[],
  ): Promise<{ emitted: number; failed: { orderId: string; error: Error }[] }> {
    return this.enqueue(() => {
      let emitted = 0;
      const failed: { orderId: string; error: Error }[] = [];
      for (const orderId of ids) {
        try {
          // A savepoint each, so one order that cannot be written never takes the others with it.
          this.inSavepoint(() => {
            const current = this.get_(orderId);
            if (!current) return;
            const events = decide(current);
            if (events.length === 0) return;
            this.appendTo(current, events);
            emitted += events.length;
          });
        } catch (err) {
          failed.push({ orderId, error: err instanceof Error ? err : new Error(String(err)) });
        }
      }
      return { emitted, failed };
    });
  }

  /** Inserts the events (seq continues the stream) and returns the folded view. */
  private write(orderId: string, current: OrderView | null, events: NewEvent[]): OrderView {
    let view = current;
    let seq = current?.version ?? 0;
    for (const e of events) {
      seq += 1;
      const full: OrderEvent = { ...e, orderId, seq };
      this.stmt.insertEvent.run(
        orderId,
        seq,
        e.data.type,
        e.at,
        JSON.stringify(e.actor),
        JSON.stringify(e.data),
      );
      view = evolve(view, full);
    }
    if (view === null) throw new Error('write called with no events');
    return view;
  }

  /** The derived columns and rollups of a view, computed inside the transaction that writes it. */
  private scheduled(
    view: OrderView,
    isNew = false,
  ): {
    nextFireAt: number | null;
    sla: string | null;
    overdue: number;
    unsatisfied: number;
    placeCode: string;
  } {
    if (this.contribute) this.metrics.apply(view.id, this.contribute(view), isNew);
    const lastValid = lastValidCallback(view);
    const unsatisfied = lastValid?.satisfaction === 'unsatisfied' ? 1 : 0;
    const placeCode =
      this.placeCode?.(view) ?? view.route.place?.code ?? view.order.location.divisionCode ?? '';
    if (!this.schedule) return { nextFireAt: null, sla: null, overdue: 0, unsatisfied, placeCode };
    const { nextFireAt, figures } = this.schedule(view);
    return {
      nextFireAt,
      sla: JSON.stringify(figures),
      overdue: figures.some((f) => f.status === 'overdue') ? 1 : 0,
      unsatisfied,
      placeCode,
    };
  }

  async due(nowMs: number, limit: number): Promise<string[]> {
    return this.stmt.due.all(nowMs, limit).map((r) => r.id);
  }

  async nextFireAt(): Promise<number | null> {
    return this.stmt.nextFire.get()?.at ?? null;
  }

  /**
   * SLA repair: re-folds every order from its events, re-assesses it with the current schedule
   * (policy and calendar), rewrites the index, and reports the orders whose figures changed.
   */
  async repair(): Promise<{ orders: number; changes: RepairChange[] }> {
    const changes: RepairChange[] = [];
    let orders = 0;
    // Rollups are re-summed from scratch (in memory, written at the end: SqliteRollups.beginBulk);
    // a repair cut short is finished by running it again.
    this.db.transaction(() => this.metrics.clearAll())();
    this.metrics.beginBulk();
    // Archived orders are closed: their last contribution is final and counted as it was.
    for (const f of this.stmt.frozen.iterate())
      this.metrics.addFrozen(JSON.parse(f.cells) as Contribution[]);
    const batch = this.db.transaction((rows: RepairRow[]) => {
      for (const row of rows) {
        const events = this.stmt.events.all(row.id).map((r): OrderEvent => ({
          orderId: r.order_id,
          seq: r.seq,
          at: r.at,
          actor: JSON.parse(r.actor) as OrderEvent['actor'],
          data: JSON.parse(r.data) as OrderEvent['data'],
        }));
        const view = events.reduce<OrderView | null>((v, e) => evolve(v, e), null);
        if (!view) continue;
        const sched = this.scheduled(view);
        if (sched.sla !== row.sla)
          changes.push({
            orderId: row.id,
            before: row.sla === null ? [] : (JSON.parse(row.sla) as RepairChange['before']),
            after: sched.sla === null ? [] : (JSON.parse(sched.sla) as RepairChange['after']),
          });
        const json = JSON.stringify(view);
        // Most rows come out as they were: rewriting them would only cost page writes.
        if (
          json !== row.view ||
          sched.nextFireAt !== row.next_fire_at ||
          sched.sla !== row.sla ||
          sched.overdue !== row.overdue ||
          sched.unsatisfied !== row.unsatisfied ||
          sched.placeCode !== row.place_code
        )
          this.stmt.reindex.run(
            json,
            sched.nextFireAt,
            sched.sla,
            sched.overdue,
            sched.unsatisfied,
            sched.placeCode,
            row.id,
          );
      }
    });
    try {
      for (let after = 0; ;) {
        const rows = this.stmt.repairBatch.all(after, 2000);
        const last = rows.at(-1);
        if (!last) break;
        batch(rows);
        orders += rows.length;
        after = last.n;
      }
      this.db.transaction(() => this.metrics.endBulk())();
    } finally {
      this.metrics.dropBulk();
    }
    return { orders, changes };
  }

  private get_(orderId: string): OrderView | null {
    const row = this.stmt.view.get(orderId);
    return row ? (JSON.parse(row.view) as OrderView) : null;
  }

  /** An archived order's view, read from the archive file (null if not archived there). */
  private readArchived(orderId: string): OrderView | null {
    if (!this.archive || !existsSync(this.archive.path) || !this.stmt.isArchived.get(orderId))
      return null;
    return this.archive.read(orderId)?.view ?? null;
  }

  private isArchived(orderId: string): boolean {
    return this.stmt.isArchived.get(orderId) !== undefined;
  }

  private archivedView(source: string, externalId: string): { view: OrderView } | undefined {
    const row = this.stmt.archivedByExternal.get(source, externalId);
    const view = row ? this.readArchived(row.id) : null;
    return view ? { view } : undefined;
  }

  /**
   * Retention: moves closed orders last changed before `beforeMs` into the archive file (events,
   * view and raw bytes), leaving their identity and final rollup contribution behind.
   */
  archiveClosed(beforeMs: number): ArchiveRun {
    if (!this.archive) throw new Error('an in-memory store has no archive');
    return this.archive.archiveClosed(this.db, new Date(beforeMs).toISOString());
  }

  /** Every archived order with its events and raw bytes (for an export). */
  archived(): Iterable<{ view: OrderView; events: OrderEvent[]; raw: RawRequest[] }> {
    if (!this.archive || !existsSync(this.archive.path)) return [];
    return this.archive.all();
  }

  private mustGet(orderId: string): OrderView {
    const v = this.get_(orderId) ?? this.readArchived(orderId);
    if (!v) throw new Error(`idempotency record points at missing order ${orderId}`);
    return v;
  }

  /**
   * Group commit: writes arriving in the same turn of the event loop share one transaction and so
   * one fsync. Each runs in its own savepoint, so one failure (a version conflict, say) never takes
   * the others with it, and no caller hears of success before the commit that makes it durable.
   */
  private enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(this.flush);
    });
  }

  private pending: {
    write: () => unknown;
    resolve: (v: unknown) => void;
    reject: (e: Error) => void;
  }[] = [];

  private readonly flush = (): void => {
    const batch = this.pending;
    this.pending = [];
    const asError = (err: unknown) => (err instanceof Error ? err : new Error(String(err)));
    let results: ({ ok: unknown } | { error: Error })[];
    try {
      results = timedCommit(batch.length, () =>
        this.db
          .transaction(() =>
            batch.map((b) => {
              try {
                return { ok: this.inSavepoint(b.write) };
              } catch (err) {
                return { error: asError(err) };
              }
            }),
          )
          .immediate(),
      );
    } catch (err) {
      for (const b of batch) b.reject(asError(err));
      return;
    }
    const settle = () =>
      results.forEach((r, i) => {
        const b = batch[i];
        if (!b) return;
        if ('ok' in r) b.resolve(r.ok);
        else b.reject(r.error);
      });
    if (this.walPath === null) settle();
    else {
      this.unsynced.push({ settle, fail: (e) => batch.forEach((b) => b.reject(e)) });
      this.syncWal();
    }
  };

  /** Batches committed but not yet fsynced; they are told of success only after the next fsync. */
  private unsynced: { settle: () => void; fail: (e: Error) => void }[] = [];
  private syncing: Promise<void> | null = null;

  /** One fsync of the WAL at a time, off the event loop; whatever committed meanwhile rides the next. */
  private syncWal(): void {
    if (this.syncing || this.unsynced.length === 0 || this.walPath === null) return;
    const waiting = this.unsynced;
    this.unsynced = [];
    this.walFd ??= openSync(this.walPath, 'r');
    this.syncing = new Promise<void>((done) =>
      fdatasync(this.walFd as number, (err) => {
        this.syncing = null;
        for (const w of waiting) {
          if (err) w.fail(err);
          else w.settle();
        }
        done();
        this.syncWal();
      }),
    );
  }

  submit(submission: Submission): Promise<SubmitOutcome> {
    return this.enqueue(() => this.submitTx(submission));
  }

  append(orderId: string, expectedVersion: number, events: NewEvent[]): Promise<OrderView> {
    return this.enqueue(() => this.appendTx(orderId, expectedVersion, events));
  }

  get(orderId: string): Promise<OrderView | null> {
    return Promise.resolve(this.get_(orderId) ?? this.readArchived(orderId));
  }

  events(orderId: string): Promise<OrderEvent[]> {
    const rows = this.stmt.events.all(orderId);
    if (rows.length === 0 && this.archive && this.isArchived(orderId))
      return Promise.resolve(this.archive.events(orderId));
    return Promise.resolve(
      rows.map((r): OrderEvent => ({
        orderId: r.order_id,
        seq: r.seq,
        at: r.at,
        actor: JSON.parse(r.actor) as OrderEvent['actor'],
        data: JSON.parse(r.data) as OrderEvent['data'],
      })),
    );
  }

  async list(query: ListQuery): Promise<OrderPage> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.stationId !== undefined) {
      where.push('station_id = ?');
      args.push(query.stationId);
    }
    if (query.source !== undefined) {
      where.push('source = ?');
      args.push(query.source);
    }
    if (query.states !== undefined && query.states.length > 0) {
      where.push(`state IN (${query.states.map(() => '?').join(',')})`);
      args.push(...query.states);
    }
    if (query.overdue) where.push('overdue = 1');
    if (query.receivedFrom !== undefined) {
      where.push('received_ms >= ?');
      args.push(query.receivedFrom);
    }
    if (query.receivedTo !== undefined) {
      where.push('received_ms < ?');
      args.push(query.receivedTo);
    }
    if (query.unsatisfied) where.push('unsatisfied = 1');
    if (query.placePrefix !== undefined) {
      where.push("place_code LIKE ? ESCAPE '\\'");
      args.push(`${query.placePrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`);
    }
    if (query.cursor !== undefined) {
      where.push('n > ?');
      args.push(decodeCursor(query.cursor));
    }
    const sql = `SELECT n, view FROM orders ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n LIMIT ?`;
    const rows = this.db
      .prepare<(string | number)[], { n: number; view: string }>(sql)
      .all(...args, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => JSON.parse(r.view) as OrderView),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.n) : null,
    };
  }

  /** 重复件: one range of the orders_by_caller_phone index (migration 003). */
  async byCallerPhone(phone: string, receivedFrom: number, limit: number): Promise<OrderView[]> {
    this.byPhone ??= this.db.prepare<[string, number, number], { view: string }>(
      'SELECT view FROM orders WHERE caller_phone = ? AND received_ms >= ? ORDER BY received_ms DESC LIMIT ?',
    );
    return this.byPhone.all(phone, receivedFrom, limit).map((r) => JSON.parse(r.view) as OrderView);
  }

  private byPhone: Database.Statement<[string, number, number], { view: string }> | undefined;

  raw(orderId: string): Promise<RawRequest[]> {
    const rows = this.stmt.raw.all(orderId);
    if (rows.length === 0 && this.archive && this.isArchived(orderId))
      return Promise.resolve(this.archive.raw(orderId));
    return Promise.resolve(
      rows.map((r) => ({
        receivedAt: r.received_at,
        contentType: r.content_type,
        body: new Uint8Array(r.body),
      })),
    );
  }

  async readLog(after: number, limit: number): Promise<{ position: number; event: OrderEvent }[]> {
    return this.stmt.log.all(after, limit).map((r) => ({
      position: r.pos,
      event: {
        orderId: r.order_id,
        seq: r.seq,
        at: r.at,
        actor: JSON.parse(r.actor) as OrderEvent['actor'],
        data: JSON.parse(r.data) as OrderEvent['data'],
      },
    }));
  }

  async close(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    while (this.syncing) await this.syncing;
    if (this.walFd !== null) {
      fdatasyncSync(this.walFd);
      for (const w of this.unsynced.splice(0)) w.settle();
      closeSync(this.walFd);
      this.walFd = null;
    }
    this.archive?.close();
    this.db.close();
  }
}
