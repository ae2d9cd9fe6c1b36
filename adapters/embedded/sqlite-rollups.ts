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

/** Sums gathered in memory during a rebuild, written once at its end (see beginBulk). */
interface BulkSums {
  counts: Map<string, { key: string[]; values: number[] }>;
  unitCounts: Map<string, { key: string[]; values: number[] }>;
  hist: Map<string, { key: (string | number)[]; n: number }>;
  unitHist: Map<string, { key: (string | number)[]; n: number }>;
}

export class SqliteRollups implements MetricsStore {
  private readonly stmt;
  private bulk: BulkSums | null = null;

  constructor(private readonly db: Database.Database) {
    migrate(db);
    this.stmt = {
      get: db.prepare<[string], { cells: string }>(
        'SELECT cells FROM contributions WHERE order_id = ?',
      ),
      put: db.prepare(
        'INSERT INTO contributions (order_id, cells) VALUES (?, ?) ON CONFLICT (order_id) DO UPDATE SET cells = excluded.cells',
      ),
      addCounts: db.prepare(
        `INSERT INTO rollup_counts (${keyCols.join(', ')}, ${counterNames.map((c) => `"${c}"`).join(', ')}) VALUES (${[...keyCols, ...counterNames].map(() => '?').join(', ')})
         ON CONFLICT (${keyCols.join(', ')}) DO UPDATE SET ${counterNames.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ')}`,
      ),
      addHist: db.prepare(
        `INSERT INTO rollup_hist (${keyCols.join(', ')}, kind, bucket, n) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (${keyCols.join(', ')}, kind, bucket) DO UPDATE SET n = n + excluded.n`,
      ),
      addUnitCounts: db.prepare(
        `INSERT INTO rollup_station_counts (${unitCols.join(', ')}, ${counterNames.map((c) => `"${c}"`).join(', ')}) VALUES (${[...unitCols, ...counterNames].map(() => '?').join(', ')})
         ON CONFLICT (${unitCols.join(', ')}) DO UPDATE SET ${counterNames.map((c) => `"${c}" = "${c}" + excluded."${c}"`).join(', ')}`,
      ),
      addUnitHist: db.prepare(
        `INSERT INTO rollup_station_hist (${unitCols.join(', ')}, kind, bucket, n) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (${unitCols.join(', ')}, kind, bucket) DO UPDATE SET n = n + excluded.n`,
      ),
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
    const prev = isNew ? undefined : this.stmt.get.get(orderId);
    if (prev?.cells === json) return;
    if (prev) this.add(JSON.parse(prev.cells) as Contribution[], -1);
    this.add(next, 1);
    this.stmt.put.run(orderId, json);
  }

  /**
   * A rebuild (repair) after clearAll: every order adds its cells once, so the sums are gathered in
   * memory (a city's year is a few hundred thousand cells) instead of one upsert per cell and order,
   * and written by endBulk, inside the caller's transaction.
   */
  beginBulk(): void {
    this.bulk = { counts: new Map(), unitCounts: new Map(), hist: new Map(), unitHist: new Map() };
  }

  /** Writes what beginBulk gathered; call inside a transaction. */
  endBulk(): void {
    const bulk = this.bulk;
    this.bulk = null;
    if (!bulk) return;
    for (const { key, values } of bulk.counts.values()) this.stmt.addCounts.run(...key, ...values);
    for (const { key, values } of bulk.unitCounts.values())
      this.stmt.addUnitCounts.run(...key, ...values);
    for (const { key, n } of bulk.hist.values()) this.stmt.addHist.run(...key, n);
    for (const { key, n } of bulk.unitHist.values()) this.stmt.addUnitHist.run(...key, n);
  }

  /** Adds an archived order's final contribution (a rebuild still counts archived orders). */
  addFrozen(cells: Contribution[]): void {
    this.add(cells, 1);
  }

  /** Forgets unwritten sums (a rebuild that failed: the next one starts from clearAll again). */
  dropBulk(): void {
    this.bulk = null;
  }

  private addBulk(bulk: BulkSums, cells: Contribution[], sign: 1 | -1): void {
    const sum = (
      into: Map<string, { key: string[]; values: number[] }>,
      key: string[],
      values: number[],
    ) => {
      const k = key.join('\u0000');
      const row = into.get(k);
      if (!row) into.set(k, { key, values: [...values] });
      else values.forEach((v, i) => (row.values[i] = (row.values[i] ?? 0) + v));
    };
    const count = (
      into: Map<string, { key: (string | number)[]; n: number }>,
      key: (string | number)[],
      n: number,
    ) => {
      const k = key.join('\u0000');
      const row = into.get(k);
      if (!row) into.set(k, { key, n });
      else row.n += n;
    };
    for (const c of cells) {
      const key = keyCols.map((k) => c[k]);
      const unit = unitCols.map((k) => c[k]);
      const values = counterNames.map((n) => sign * (c.counters[n] ?? 0));
      sum(bulk.counts, key, values);
      sum(bulk.unitCounts, unit, values);
      for (const h of c.hist) {
        count(bulk.hist, [...key, h.kind, h.bucket], sign * h.n);
        count(bulk.unitHist, [...unit, h.kind, h.bucket], sign * h.n);
      }
    }
  }

  clearAll(): void {
    this.stmt.clear.run();
    this.stmt.clearCounts.run();
    this.stmt.clearHist.run();
    this.stmt.clearUnitCounts.run();
    this.stmt.clearUnitHist.run();
  }

  private add(cells: Contribution[], sign: 1 | -1): void {
    if (this.bulk) {
      this.addBulk(this.bulk, cells, sign);
      return;
    }
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
