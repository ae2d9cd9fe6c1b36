// The metrics rollups of the embedded store: counters and duration histograms per
// (period, district, street, station, type, topic) cell, and the same summed over type and topic per
// station (a month of a city is a few hundred such rows: the all-streets ranking reads those). Each
// order's last contribution is kept, and every change applies only the difference, inside the same
// transaction as the event it follows. The tables are made by adapters/embedded/migrations/: a new
// counter in counterNames needs a migration that adds its column to rollup_counts and
// rollup_station_counts.
import type Database from 'better-sqlite3';
import {
  counterNames,
  type CellKey,
  type Contribution,
  type Counters,
} from '../../src/domain/metrics/contribution.js';
import type { MetricsFilter, MetricsStore } from '../../src/ports/metrics-store.js';
import { migrate } from './migrations/run-migrations.js';
import { RollupSums } from './rollup-sums.js';

const keyCols = ['period', 'district', 'street', 'station', 'type', 'topic'] as const;
const unitCols = ['period', 'district', 'street', 'station'] as const;

/** Queries without a type or topic filter (and not grouped by type) read the per-station sums. */
const coarse = (f: MetricsFilter, groupBy?: string) =>
  !(f.types && f.types.length > 0) && f.topic === undefined && groupBy !== 'type';

function where(f: MetricsFilter): { sql: string; args: string[] } {
  const parts = ['period = ?'];
  const args: string[] = [f.period];
  for (const k of ['district', 'street', 'station'] as const) {
    const v = f[k];
    if (v !== undefined) {
      parts.push(`${k} = ?`);
      args.push(v);
    }
  }
  if (f.types && f.types.length > 0) {
    parts.push(`type IN (${f.types.map(() => '?').join(',')})`);
    args.push(...f.types);
  }
  if (f.topic !== undefined) {
    parts.push('topic = ?');
    args.push(f.topic);
  }
  return { sql: parts.join(' AND '), args };
}

/** Rows per multi-row INSERT when a rebuild writes its sums (SQLite allows 32,766 variables). */
const ROWS_PER_INSERT = 200;

/** An upsert that adds to the counters it finds, as head + one `(?, …)` per row + tail. */
interface Upsert {
  head: string;
  tail: string;
  width: number;
}

const upsert = (table: string, key: readonly string[], values: readonly string[]): Upsert => ({
  head: `INSERT INTO ${table} (${[...key, ...values].join(', ')}) VALUES `,
  tail: ` ON CONFLICT (${key.join(', ')}) DO UPDATE SET ${values.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`,
  width: key.length + values.length,
});

const quotedCounters = counterNames.map((c) => `"${c}"`);
const upserts = {
  counts: upsert('rollup_counts', keyCols, quotedCounters),
  unitCounts: upsert('rollup_station_counts', unitCols, quotedCounters),
  hist: upsert('rollup_hist', [...keyCols, 'kind', 'bucket'], ['n']),
  unitHist: upsert('rollup_station_hist', [...unitCols, 'kind', 'bucket'], ['n']),
};
const rowsSql = (u: Upsert, rows: number) =>
  `${u.head}${Array.from({ length: rows }, () => `(${Array.from({ length: u.width }, () => '?').join(', ')})`).join(', ')}${u.tail}`;

/** Upserts pushed rows ROWS_PER_INSERT to a statement; end() writes the rest. */
function chunked(db: Database.Database, u: Upsert) {
  let full: Database.Statement | undefined;
  let params: (string | number)[] = [];
  let rows = 0;
  return {
    push(key: readonly (string | number)[], values: readonly number[]): void {
      for (const k of key) params.push(k);
      for (const v of values) params.push(v);
      if (++rows < ROWS_PER_INSERT) return;
      (full ??= db.prepare(rowsSql(u, ROWS_PER_INSERT))).run(params);
      params = [];
      rows = 0;
    },
    end(): void {
      if (rows > 0) db.prepare(rowsSql(u, rows)).run(params);
    },
  };
}

export class SqliteRollups implements MetricsStore {
  private readonly stmt;
  private bulk: RollupSums | null = null;
  /** Contributions a rebuild has yet to store: order id, cells JSON, order id, … */
  private bulkPuts: string[] = [];

  constructor(private readonly db: Database.Database) {
    migrate(db);
    this.stmt = {
      get: db.prepare<[string], { cells: string }>(
        'SELECT cells FROM contributions WHERE order_id = ?',
      ),
      put: db.prepare(
        'INSERT INTO contributions (order_id, cells) VALUES (?, ?) ON CONFLICT (order_id) DO UPDATE SET cells = excluded.cells',
      ),
      putMany: db.prepare(
        `INSERT INTO contributions (order_id, cells) VALUES ${Array.from({ length: ROWS_PER_INSERT }, () => '(?, ?)').join(', ')} ON CONFLICT (order_id) DO UPDATE SET cells = excluded.cells`,
      ),
      addCounts: db.prepare(rowsSql(upserts.counts, 1)),
      addHist: db.prepare(rowsSql(upserts.hist, 1)),
      addUnitCounts: db.prepare(rowsSql(upserts.unitCounts, 1)),
      addUnitHist: db.prepare(rowsSql(upserts.unitHist, 1)),
      clearUnitCounts: db.prepare('DELETE FROM rollup_station_counts'),
      clearUnitHist: db.prepare('DELETE FROM rollup_station_hist'),
      clear: db.prepare('DELETE FROM contributions'),
      clearCounts: db.prepare('DELETE FROM rollup_counts'),
      clearHist: db.prepare('DELETE FROM rollup_hist'),
    };
  }

  /**
   * Replaces the order's contribution; call inside the transaction that wrote the order. `isNew`:
   * the order was created in this transaction, so there is no earlier contribution to look up.
   */
  apply(orderId: string, next: Contribution[], isNew = false): void {
    const json = JSON.stringify(next);
    if (this.bulk) {
      // A rebuild starts from clearAll and visits each order once: there is nothing to subtract.
      this.bulk.add(next);
      this.bulkPuts.push(orderId, json);
      if (this.bulkPuts.length === 2 * ROWS_PER_INSERT) this.flushPuts();
      return;
    }
    const prev = isNew ? undefined : this.stmt.get.get(orderId);
    if (prev?.cells === json) return;
    if (prev) this.add(JSON.parse(prev.cells) as Contribution[], -1);
    this.add(next, 1);
    this.stmt.put.run(orderId, json);
  }

  /**
   * A rebuild (repair) after clearAll: every order adds its cells once, so the sums are gathered in
   * memory (a city's year is a few hundred thousand cells; the duration histograms up to about one
   * row per order) instead of one upsert per cell and order, and written by endBulk in key order,
   * many rows per statement, inside the caller's transaction. apply stores each order's
   * contribution a few hundred at a time, inside whatever transaction the caller has open.
   */
  beginBulk(): void {
    this.bulk = new RollupSums();
    this.bulkPuts = [];
  }

  /** Writes what beginBulk gathered; call inside a transaction. */
  endBulk(): void {
    const bulk = this.bulk;
    this.bulk = null;
    if (!bulk) return;
    this.flushPuts();
    const counts = chunked(this.db, upserts.counts);
    const hist = chunked(this.db, upserts.hist);
    const unitCounts = chunked(this.db, upserts.unitCounts);
    const unitHist = chunked(this.db, upserts.unitHist);
    bulk.visit({
      counts: (key, values) => counts.push(key, values),
      hist: (key, kind, bucket, n) => hist.push([...key, kind, bucket], [n]),
      unitCounts: (key, values) => unitCounts.push(key, values),
      unitHist: (key, kind, bucket, n) => unitHist.push([...key, kind, bucket], [n]),
    });
    for (const w of [counts, hist, unitCounts, unitHist]) w.end();
  }

  /** Adds an archived order's final contribution (a rebuild still counts archived orders). */
  addFrozen(cells: Contribution[]): void {
    if (this.bulk) this.bulk.add(cells);
    else this.add(cells, 1);
  }

  /** Forgets unwritten sums (a rebuild that failed: the next one starts from clearAll again). */
  dropBulk(): void {
    this.bulk = null;
    this.bulkPuts = [];
  }

  private flushPuts(): void {
    const puts = this.bulkPuts;
    this.bulkPuts = [];
    let i = 0;
    if (puts.length >= 2 * ROWS_PER_INSERT)
      for (; i + 2 * ROWS_PER_INSERT <= puts.length; i += 2 * ROWS_PER_INSERT)
        this.stmt.putMany.run(puts.slice(i, i + 2 * ROWS_PER_INSERT));
    for (; i < puts.length; i += 2) this.stmt.put.run(puts[i], puts[i + 1]);
  }

  clearAll(): void {
    this.stmt.clear.run();
    this.stmt.clearCounts.run();
    this.stmt.clearHist.run();
    this.stmt.clearUnitCounts.run();
    this.stmt.clearUnitHist.run();
  }

  private add(cells: Contribution[], sign: 1 | -1): void {
    for (const c of cells) {
      const key = keyCols.map((k) => c[k]);
      const unit = unitCols.map((k) => c[k]);
      const values = counterNames.map((n) => sign * (c.counters[n] ?? 0));
      this.stmt.addCounts.run(...key, ...values);
      this.stmt.addUnitCounts.run(...unit, ...values);
      for (const h of c.hist) {
        this.stmt.addHist.run(...key, h.kind, h.bucket, sign * h.n);
        this.stmt.addUnitHist.run(...unit, h.kind, h.bucket, sign * h.n);
      }
    }
  }

  async counters(
    filter: MetricsFilter,
    groupBy?: 'district' | 'street' | 'station' | 'type',
  ): Promise<{ group: string; counters: Counters }[]> {
    const w = where(filter);
    const sums = counterNames.map((c) => `SUM("${c}") AS "${c}"`).join(', ');
    const table = coarse(filter, groupBy) ? 'rollup_station_counts' : 'rollup_counts';
    const sql = `SELECT ${groupBy ? `${groupBy} AS grp, ` : `'' AS grp, `}${sums} FROM ${table} WHERE ${w.sql}${groupBy ? ` GROUP BY ${groupBy}` : ''}`;
    const rows = this.db
      .prepare<string[], Record<string, number | string | null>>(sql)
      .all(...w.args);
    return rows
      .filter((r) => counterNames.some((c) => r[c] !== null))
      .map((r) => ({
        group: String(r.grp ?? ''),
        counters: Object.fromEntries(counterNames.map((c) => [c, Number(r[c] ?? 0)])),
      }));
  }

  async histogram(filter: MetricsFilter, kind: 'resp' | 'res'): Promise<Map<number, number>> {
    const w = where(filter);
    const table = coarse(filter) ? 'rollup_station_hist' : 'rollup_hist';
    const rows = this.db
      .prepare<string[], { bucket: number; n: number }>(
        `SELECT bucket, SUM(n) AS n FROM ${table} WHERE ${w.sql} AND kind = ? GROUP BY bucket`,
      )
      .all(...w.args, kind);
    return new Map(rows.filter((r) => r.n > 0).map((r) => [r.bucket, r.n]));
  }
}

export type { CellKey };
