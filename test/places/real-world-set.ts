// Reads test/fixtures/places/real-world.tsv (addresses written by hand in the shapes real hotline
// orders take, each with the district it lies in, or "triage" when the text fits several places) and
// scores the resolver on it at district level: per class, routed right / triage / wrong. Shared by
// test/places/real-world-accuracy.test.ts and `npm run bench:places`.
import { readFileSync } from 'node:fs';
import type { GazetteerIndex } from '../../src/domain/places/gazetteer-index.js';
import { resolveAddressText } from '../../src/domain/places/resolve-address.js';

export interface RealWorldAddress {
  cls: string;
  text: string;
  /** A 6-digit district code, or 'triage'. */
  expected: string;
  /** The platform's home region, when the note names one. */
  home?: string;
  /** District codes that a triage must list among its candidates. */
  mustList: string[];
  note: string;
}

const path = new URL('../fixtures/places/real-world.tsv', import.meta.url);

export function readRealWorldSet(): RealWorldAddress[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((line) => {
      const [cls = '', text = '', expected = '', note = ''] = line.split('\t');
      const home = /\bhome (\d{6})\b/u.exec(note)?.[1];
      const list = /\bcandidates ([\d ]+)/u.exec(note)?.[1];
      return {
        cls,
        text,
        expected,
        ...(home ? { home } : {}),
        mustList: list ? list.trim().split(/\s+/u) : [],
        note,
      };
    });
}

/** Classes whose addresses name their district: the ≥ 95% automatic aim is measured on them. */
export const namesDistrict = (a: RealWorldAddress) =>
  a.expected !== 'triage' && a.cls !== 'home-region';

export interface ClassFigures {
  total: number;
  right: number;
  triage: number;
  wrong: number;
}

export interface RealWorldFigures {
  byClass: Map<string, ClassFigures>;
  /** Addresses that name their district: how many, and how many were routed automatically. */
  named: { total: number; routed: number };
  wrong: string[];
  /** Two-place addresses routed, or sent to triage without every place they fit. */
  twoPlaceMisses: string[];
}

const atOrBelowDistrict = (level: string) =>
  level === 'district' || level === 'street' || level === 'community' || level === 'estate';

/** The district-level code of a place (its own code when it is a district or above). */
function districtCodeOf(g: GazetteerIndex, id: number): string {
  for (let cur = id; cur >= 0; cur = g.parent(cur))
    if (g.level(cur) === 'district') return g.code(cur).slice(0, 6);
  return g.code(id).slice(0, 6);
}

export function scoreRealWorld(g: GazetteerIndex, set: readonly RealWorldAddress[]) {
  const figures: RealWorldFigures = {
    byClass: new Map(),
    named: { total: 0, routed: 0 },
    wrong: [],
    twoPlaceMisses: [],
  };
  for (const a of set) {
    const home = a.home === undefined ? -1 : g.idOf(a.home);
    const r = resolveAddressText(g, a.text, home >= 0 ? { homeRegion: home } : {});
    // Decided above district level (成都市 for a 郫县 address): not routed at district level, not
    // wrong either; it counts with triage.
    const decided = r.decided ? districtCodeOf(g, r.decided.id) : undefined;
    const coarse =
      decided !== undefined &&
      r.decided !== undefined &&
      !atOrBelowDistrict(g.level(r.decided.id)) &&
      a.expected.startsWith(decided.replace(/(?:00)+$/u, ''));
    const got = coarse ? undefined : decided;
    const c = figures.byClass.get(a.cls) ?? { total: 0, right: 0, triage: 0, wrong: 0 };
    figures.byClass.set(a.cls, c);
    c.total++;
    if (namesDistrict(a)) {
      figures.named.total++;
      if (got !== undefined) figures.named.routed++;
    }
    if (got === undefined) {
      c.triage++;
      const listed = new Set(r.best.map((id) => districtCodeOf(g, id)));
      const missing = a.mustList.filter((code) => !listed.has(code));
      if (missing.length > 0)
        figures.twoPlaceMisses.push(`${a.text}: ${missing.join(', ')} not among the candidates`);
    } else if (got === a.expected) {
      c.right++;
    } else {
      c.wrong++;
      figures.wrong.push(
        `[${a.cls}] ${a.text} → ${got} ${g.name(r.decided?.id ?? 0)}, expected ${a.expected}`,
      );
      if (a.mustList.length > 0) figures.twoPlaceMisses.push(`${a.text}: routed to ${got}`);
    }
  }
  return figures;
}

export function formatFigures(f: RealWorldFigures): string {
  const pct = (x: number, of: number) => `${of === 0 ? '-' : ((100 * x) / of).toFixed(1)}%`;
  const rows = [...f.byClass].map(
    ([cls, c]) =>
      `  ${cls.padEnd(20)} ${String(c.total).padStart(5)}  right ${String(c.right).padStart(4)}  triage ${String(c.triage).padStart(4)}  wrong ${String(c.wrong).padStart(3)}`,
  );
  const total = [...f.byClass.values()].reduce((s, c) => s + c.total, 0);
  const wrong = [...f.byClass.values()].reduce((s, c) => s + c.wrong, 0);
  return [
    `real-world addresses (test/fixtures/places/real-world.tsv): ${total}`,
    ...rows,
    `  aims: named district routed automatically ${f.named.routed}/${f.named.total} = ${pct(f.named.routed, f.named.total)} (≥ 95%); wrong ${wrong}/${total} = ${((1000 * wrong) / total).toFixed(2)}‰ (≤ 1‰); two-place addresses in triage with every place: ${f.twoPlaceMisses.length === 0 ? 'all' : `${f.twoPlaceMisses.length} misses`}`,
  ].join('\n');
}
