// The rollups of a rebuild, summed in memory: a tree keyed level by level (period, district, street,
// station, then type and topic), so adding a cell builds no joined key strings and the rows come out
// in primary-key order by sorting only the few keys of each level. The histograms are kept per cell,
// keyed by bucket number. Only sums: SqliteRollups writes them.
import { counterNames, type Contribution } from '../../src/domain/metrics/contribution.js';

const counterIndex = new Map<string, number>(counterNames.map((n, i) => [n, i]));

interface Sums {
  values: number[];
  /** Duration buckets, per kind, to counts. */
  res: Map<number, number>;
  resp: Map<number, number>;
}
/** A station's sums, and each of its (type, topic) cells. */
interface Unit extends Sums {
  cells: Map<string, Map<string, Sums>>;
}
type Stations = Map<string, Unit>;
type Streets = Map<string, Stations>;
type Tree = Map<string, Map<string, Streets>>;

const sums = (): Sums => ({
  values: new Array<number>(counterNames.length).fill(0),
  res: new Map(),
  resp: new Map(),
});

const child = <K, V>(m: Map<K, V>, k: K, make: () => V): V => {
  let v = m.get(k);
  if (v === undefined) {
    v = make();
    m.set(k, v);
  }
  return v;
};

const sorted = <V>(m: Map<string, V>): [string, V][] =>
  [...m].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));

/** One row to write: its key columns and its sums (hist rows: kind, bucket, n). */
export interface SumsVisitor {
  counts(key: string[], values: number[]): void;
  hist(key: string[], kind: 'res' | 'resp', bucket: number, n: number): void;
  unitCounts(key: string[], values: number[]): void;
  unitHist(key: string[], kind: 'res' | 'resp', bucket: number, n: number): void;
}

export class RollupSums {
  private readonly tree: Tree = new Map();

  add(cells: readonly Contribution[]): void {
    for (const c of cells) {
      const districts = child(this.tree, c.period, () => new Map<string, Streets>());
      const streets = child(districts, c.district, () => new Map<string, Stations>());
      const stations = child(streets, c.street, () => new Map<string, Unit>());
      const unit = child(stations, c.station, (): Unit => ({ ...sums(), cells: new Map() }));
      const topics = child(unit.cells, c.type, () => new Map<string, Sums>());
      const cell = child(topics, c.topic, sums);
      for (const name in c.counters) {
        const i = counterIndex.get(name);
        const v = c.counters[name as keyof Contribution['counters']];
        if (i === undefined || v === undefined) continue;
        cell.values[i] = (cell.values[i] ?? 0) + v;
        unit.values[i] = (unit.values[i] ?? 0) + v;
      }
      for (const h of c.hist) {
        cell[h.kind].set(h.bucket, (cell[h.kind].get(h.bucket) ?? 0) + h.n);
        unit[h.kind].set(h.bucket, (unit[h.kind].get(h.bucket) ?? 0) + h.n);
      }
    }
  }

  /** Visits every row in primary-key order (kind 'res' before 'resp', buckets ascending). */
  visit(v: SumsVisitor): void {
    const hist = (
      s: Sums,
      key: string[],
      emit: (key: string[], kind: 'res' | 'resp', bucket: number, n: number) => void,
    ) => {
      for (const kind of ['res', 'resp'] as const)
        for (const [bucket, n] of [...s[kind]].sort((a, b) => a[0] - b[0]))
          emit(key, kind, bucket, n);
    };
    for (const [period, districts] of sorted(this.tree))
      for (const [district, streets] of sorted(districts))
        for (const [street, stations] of sorted(streets))
          for (const [station, unit] of sorted(stations)) {
            const unitKey = [period, district, street, station];
            v.unitCounts(unitKey, unit.values);
            hist(unit, unitKey, v.unitHist.bind(v));
            for (const [type, topics] of sorted(unit.cells))
              for (const [topic, cell] of sorted(topics)) {
                const key = [...unitKey, type, topic];
                v.counts(key, cell.values);
                hist(cell, key, v.hist.bind(v));
              }
          }
  }
}
