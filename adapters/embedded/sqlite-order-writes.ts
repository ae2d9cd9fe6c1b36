// The bodies of the embedded store's write transactions: intake with its idempotency checks, and
// appends under optimistic concurrency. Events, the folded view, its derived columns and its rollup
// difference are written together; better-sqlite3 is synchronous, so within this process a
// transaction is also a critical section and the concurrency check is a version comparison.
// The caller (group commit) supplies the transaction.
import type Database from 'better-sqlite3';
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../../src/domain/errors.js';
import { evolve } from '../../src/domain/lifecycle/evolve.js';
import type { Projection, Submission, SubmitOutcome } from '../../src/ports/order-store.js';
import type { SqliteArchivedOrders } from './sqlite-archived-orders.js';
import type { SqliteRollups } from './sqlite-rollups.js';
import { viewColumns, type ViewColumns } from './sqlite-view-columns.js';
import { assistingStations } from '../../src/domain/assists/fold.js';

/** The columns every write of an order sets, in the statements' order (version … place_code). */
function rowValues(view: OrderView, c: ViewColumns) {
  return [
    view.version,
    JSON.stringify(view),
    c.nextFireAt,
    c.sla,
    c.overdue,
    c.unsatisfied,
    c.placeCode,
  ] as const;
}

export class SqliteOrderWrites {
  private readonly stmt;

  constructor(
    db: Database.Database,
    private readonly project: Projection | undefined,
    private readonly rollups: SqliteRollups,
    private readonly archived: SqliteArchivedOrders,
  ) {
    this.stmt = {
      byKey: db.prepare<[string, string], { body_hash: string; order_id: string }>(
        'SELECT body_hash, order_id FROM idempotency WHERE source = ? AND key = ?',
      ),
      byExternal: db.prepare<[string, string], { view: string }>(
        'SELECT view FROM orders WHERE source = ? AND external_id = ?',
      ),
      view: db.prepare<[string], { view: string }>('SELECT view FROM orders WHERE id = ?'),
      insertEvent: db.prepare(
        'INSERT INTO events (order_id, seq, type, at, actor, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      insertOrder: db.prepare(
        'INSERT INTO orders (id, source, external_id, station_id, state, version, view, next_fire_at, sla, overdue, unsatisfied, place_code, received_ms, caller_phone) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      updateOrder: db.prepare(
        'UPDATE orders SET station_id = ?, state = ?, version = ?, view = ?, next_fire_at = ?, sla = ?, overdue = ?, unsatisfied = ?, place_code = ? WHERE id = ? AND version = ?',
      ),
      // SQLite rewrites the entries of every index whose column a statement SETs, changed or not: an
      // append that keeps the station and the state (SLA warnings and breaches, 催办, notes) leaves
      // the station and state indexes alone (6 index writes instead of 12 a row).
      updateKeepingPlace: db.prepare(
        'UPDATE orders SET version = ?, view = ?, next_fire_at = ?, sla = ?, overdue = ?, unsatisfied = ?, place_code = ? WHERE id = ? AND version = ?',
      ),
      // 协办: the order's assisting stations, rewritten when its parts change (migration 006).
      dropAssists: db.prepare('DELETE FROM order_assists WHERE order_id = ?'),
      addAssist: db.prepare('INSERT INTO order_assists (station_id, order_id) VALUES (?, ?)'),
      insertKey: db.prepare(
        'INSERT INTO idempotency (source, key, body_hash, order_id) VALUES (?, ?, ?, ?)',
      ),
      insertRaw: db.prepare(
        'INSERT INTO raw_requests (order_id, received_at, content_type, body) VALUES (?, ?, ?, ?)',
      ),
    };
  }

  /** The hot view of an order (null if there is none in the hot file). */
  current(orderId: string): OrderView | null {
    const row = this.stmt.view.get(orderId);
    return row ? (JSON.parse(row.view) as OrderView) : null;
  }

  submit(s: Submission): SubmitOutcome {
    if (s.idempotencyKey !== undefined) {
      const prior = this.stmt.byKey.get(s.source, s.idempotencyKey);
      if (prior) {
        if (prior.body_hash !== s.bodyHash)
          return { status: 'key_conflict', orderId: prior.order_id };
        return { status: 'existing', view: this.mustGet(prior.order_id) };
      }
    }
    const hot = this.stmt.byExternal.get(s.source, s.externalId);
    const same = hot
      ? (JSON.parse(hot.view) as OrderView)
      : this.archived.byExternal(s.source, s.externalId);
    if (same) {
      if (s.idempotencyKey !== undefined)
        this.stmt.insertKey.run(s.source, s.idempotencyKey, s.bodyHash, same.id);
      return { status: 'existing', view: same };
    }
    const view = this.write(s.orderId, null, s.events);
    const c = this.columns(view, true);
    this.stmt.insertOrder.run(
      view.id,
      s.source,
      s.externalId,
      view.station?.id ?? null,
      view.state,
      ...rowValues(view, c),
      Date.parse(view.order.receivedAt),
      view.order.caller.phone ?? null,
    );
    if (s.idempotencyKey !== undefined)
      this.stmt.insertKey.run(s.source, s.idempotencyKey, s.bodyHash, view.id);
    if (view.assists !== undefined) this.indexAssists(view);
    this.stmt.insertRaw.run(view.id, s.raw.receivedAt, s.raw.contentType, Buffer.from(s.raw.body));
    return { status: 'created', view };
  }

  append(orderId: string, expectedVersion: number, events: NewEvent[]): OrderView {
    const current = this.current(orderId);
    if (!current)
      throw new DomainError('not_found', `No order ${orderId}`, {
        zh: '该工单不存在，或您无权查看。',
      });
    if (current.version !== expectedVersion) {
      throw new DomainError(
        'version_conflict',
        `Order ${orderId} is at version ${current.version}, not ${expectedVersion}; reload and retry`,
        { zh: '其他人刚刚处理了此工单，请刷新后再试。', state: current.state },
        true,
      );
    }
    return this.appendTo(current, events);
  }

  /** Appends to an order whose current view was just read in this transaction. */
  appendTo(current: OrderView, events: NewEvent[]): OrderView {
    const view = this.write(current.id, current, events);
    const c = this.columns(view);
    const stationId = view.station?.id ?? null;
    if (stationId === (current.station?.id ?? null) && view.state === current.state)
      this.stmt.updateKeepingPlace.run(...rowValues(view, c), current.id, current.version);
    else
      this.stmt.updateOrder.run(
        stationId,
        view.state,
        ...rowValues(view, c),
        current.id,
        current.version,
      );
    // The fold keeps the same parts array until an assist event changes it.
    if (view.assists !== current.assists) this.indexAssists(view);
    return view;
  }

  private indexAssists(view: OrderView): void {
    this.stmt.dropAssists.run(view.id);
    for (const station of assistingStations(view)) this.stmt.addAssist.run(station, view.id);
  }

  /** The view's derived columns; its rollup difference is applied on the way. */
  private columns(view: OrderView, isNew = false): ViewColumns {
    const c = viewColumns(view, this.project);
    if (c.contributions) this.rollups.apply(view.id, c.contributions, isNew);
    return c;
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

  private mustGet(orderId: string): OrderView {
    const v = this.current(orderId) ?? this.archived.view(orderId);
    if (!v) throw new Error(`idempotency record points at missing order ${orderId}`);
    return v;
  }
}
