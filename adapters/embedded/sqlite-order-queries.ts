// The embedded store's reads: one order (hot file, else the archive), its events and raw bytes, the
// filtered and paged order lists, the caller-phone index (重复件) and the log in commit order.
import type Database from 'better-sqlite3';
import type { OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderView } from '../../contracts/views.js';
import type { ListQuery, RawRequest } from '../../src/ports/order-store.js';
import { decodeCursor, encodeCursor } from '../position-cursor.js';
import type { SqliteArchivedOrders } from './sqlite-archived-orders.js';
import { eventOfRow, type EventRow } from './sqlite-event-rows.js';

export class SqliteOrderQueries {
  private readonly stmt;

  constructor(
    private readonly db: Database.Database,
    private readonly archived: SqliteArchivedOrders,
  ) {
    this.stmt = {
      view: db.prepare<[string], { view: string }>('SELECT view FROM orders WHERE id = ?'),
      events: db.prepare<[string], EventRow>(
        'SELECT order_id, seq, at, actor, data FROM events WHERE order_id = ? ORDER BY seq',
      ),
      log: db.prepare<[number, number], EventRow & { pos: number }>(
        'SELECT pos, order_id, seq, at, actor, data FROM events WHERE pos > ? ORDER BY pos LIMIT ?',
      ),
      raw: db.prepare<[string], { received_at: string; content_type: string; body: Buffer }>(
        'SELECT received_at, content_type, body FROM raw_requests WHERE order_id = ? ORDER BY id',
      ),
      // 重复件: one range of the orders_by_caller_phone index (migration 003).
      byPhone: db.prepare<[string, number, number], { view: string }>(
        'SELECT view FROM orders WHERE caller_phone = ? AND received_ms >= ? ORDER BY received_ms DESC LIMIT ?',
      ),
    };
  }

  get(orderId: string): OrderView | null {
    const row = this.stmt.view.get(orderId);
    return row ? (JSON.parse(row.view) as OrderView) : this.archived.view(orderId);
  }

  events(orderId: string): OrderEvent[] {
    const rows = this.stmt.events.all(orderId);
    return rows.length === 0 ? (this.archived.events(orderId) ?? []) : rows.map(eventOfRow);
  }

  raw(orderId: string): RawRequest[] {
    const rows = this.stmt.raw.all(orderId);
    if (rows.length === 0) return this.archived.raw(orderId) ?? [];
    return rows.map((r) => ({
      receivedAt: r.received_at,
      contentType: r.content_type,
      body: new Uint8Array(r.body),
    }));
  }

  list(query: ListQuery): OrderPage {
    const where: string[] = [];
    const args: (string | number)[] = [];
    const when = (sql: string, ...values: (string | number)[]) => {
      where.push(sql);
      args.push(...values);
    };
    const states = query.states !== undefined && query.states.length > 0 ? query.states : null;
    const inStates = states && `state IN (${states.map(() => '?').join(',')})`;
    // A station's open orders are read through (station_id, state, n), one range per state (migration
    // 008), whatever the station's closed history; its assisted orders through order_assists. Both as
    // order numbers (the rowid), so the page is a sort of what the station has in those states.
    if (query.stationId !== undefined && states && inStates) {
      const own = `SELECT n FROM orders INDEXED BY orders_by_station_state WHERE station_id = ? AND ${inStates}`;
      if (query.assisting === true)
        when(
          `n IN (${own} UNION ALL SELECT o.n FROM order_assists a JOIN orders o ON o.id = a.order_id WHERE a.station_id = ?)`,
          query.stationId,
          ...states,
          query.stationId,
        );
      else when(`n IN (${own})`, query.stationId, ...states);
    } else if (query.stationId !== undefined && query.assisting === true)
      when(
        '(station_id = ? OR id IN (SELECT order_id FROM order_assists WHERE station_id = ?))',
        query.stationId,
        query.stationId,
      );
    else if (query.stationId !== undefined) when('station_id = ?', query.stationId);
    if (query.source !== undefined) when('source = ?', query.source);
    if (states && inStates) when(inStates, ...states);
    if (query.overdue) when('overdue = 1');
    if (query.receivedFrom !== undefined) when('received_ms >= ?', query.receivedFrom);
    if (query.receivedTo !== undefined) when('received_ms < ?', query.receivedTo);
    if (query.unsatisfied) when('unsatisfied = 1');
    if (query.placePrefix !== undefined)
      when(
        "place_code LIKE ? ESCAPE '\\'",
        `${query.placePrefix.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`,
      );
    if (query.cursor !== undefined) when('n > ?', decodeCursor(query.cursor));
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

  byCallerPhone(phone: string, receivedFrom: number, limit: number): OrderView[] {
    return this.stmt.byPhone
      .all(phone, receivedFrom, limit)
      .map((r) => JSON.parse(r.view) as OrderView);
  }

  readLog(after: number, limit: number): { position: number; event: OrderEvent }[] {
    return this.stmt.log.all(after, limit).map((r) => ({ position: r.pos, event: eventOfRow(r) }));
  }
}
