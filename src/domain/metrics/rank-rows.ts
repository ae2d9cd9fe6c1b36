// The order and the names of a ranking's rows. Ranked by composite; a unit with no valid callback has
// no composite, so it cannot be ranked: it is listed after the ranked ones with no rank, the unlocated
// ("(未定位)", code '') last of all. Names that repeat in a ranking (东湖街道 in Beijing and in
// Changsha) are told apart by their parent's name, going up until they differ.

export interface Scored {
  code: string;
  name: string;
  composite: number | null;
  validCallbacks: number;
  received: number;
}

/** The rows in ranking order, each with its rank (null: no figures to rank it by). */
export function rankRows<T extends Scored>(rows: readonly T[]): (T & { rank: number | null })[] {
  const ranked = rows
    .filter((r) => r.composite !== null)
    .sort(
      (a, b) =>
        b.composite! - a.composite! ||
        b.validCallbacks - a.validCallbacks ||
        a.code.localeCompare(b.code),
    );
  const unranked = rows
    .filter((r) => r.composite === null)
    .sort(
      (a, b) =>
        Number(a.code === '') - Number(b.code === '') ||
        b.received - a.received ||
        a.code.localeCompare(b.code),
    );
  return [
    ...ranked.map((r, i) => ({ ...r, rank: i + 1 })),
    ...unranked.map((r) => ({ ...r, rank: null })),
  ];
}

/** A place's parent: its code and name (undefined at the top). */
export type ParentOf = (code: string) => { code: string; name: string } | undefined;

/**
 * Display names for a ranking's rows: a name shared by two rows gets its parents' names before it
 * (朝阳区 东湖街道, 芙蓉区 东湖街道), one level more until the names differ or the parents run out.
 */
export function distinctNames(
  rows: readonly { code: string; name: string }[],
  parentOf: ParentOf,
): string[] {
  const names = rows.map((r) => r.name);
  const above = rows.map((r) => r.code);
  for (let level = 0; level < 4; level += 1) {
    const count = new Map<string, number>();
    for (const n of names) count.set(n, (count.get(n) ?? 0) + 1);
    let changed = false;
    names.forEach((n, i) => {
      if ((count.get(n) ?? 0) < 2 || rows[i]!.code === '') return;
      const parent = parentOf(above[i]!);
      if (!parent) return;
      names[i] = `${parent.name} ${n}`;
      above[i] = parent.code;
      changed = true;
    });
    if (!changed) break;
  }
  return names;
}
