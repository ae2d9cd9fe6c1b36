// Resolves an address text to one place when the text allows only one reading, and otherwise says
// why not. Every place any name span could mean is a candidate; a candidate scores the spans its
// own ancestor line explains (朝阳区 + 垡头街道 fit only Beijing's 垡头街道). The best score wins only
// when it is unique, or unique inside the source's home region; a strong name the winner cannot
// explain means the text mixes places, and nobody guesses.
import { addressDetails, type AddressDetails } from './address-details.js';
import { findNames, type NameSpan } from './find-names.js';
import { foldText } from './fold.js';
import { isWithin, lineageIds, type GazetteerIndex } from './gazetteer-index.js';

export type ResolutionBasis = 'unique' | 'home_region';
export type ResolutionProblem = 'nothing' | 'conflict' | 'ambiguous' | 'weak';

export interface ExplainedSpan {
  span: NameSpan;
  /** The place on the winner's line this span names. */
  id: number;
}

export interface AddressResolution {
  /** The folded text that was scanned. */
  text: string;
  spans: NameSpan[];
  /** The equally best candidates, most specific only, home region first, then by code. */
  best: number[];
  /** Set when exactly one place is decided. */
  decided?: { id: number; basis: ResolutionBasis };
  problem?: ResolutionProblem;
  /** Strong spans the best candidates do not explain (the text mixes places). */
  unexplained: NameSpan[];
  /** For the decided place (or the first best): which span named which level. */
  explained: ExplainedSpan[];
  details: AddressDetails;
}

export interface ResolveOptions {
  /** Id of the source's home region: breaks ties between equally good places. */
  homeRegion?: number;
}

interface Score {
  id: number;
  strong: number;
  weak: number;
  /** Different places the spans name on this line: 上蒲溪乡上蒲溪 reads best as a 乡 and a 村 in it. */
  distinct: number;
  own: number;
  inRegion: boolean;
}

/** Tied leaders beyond this many are not read finely (distinct places, own level words). */
const FULL_SCORING_LIMIT = 64;

/** Spans beyond this many (a long complaint, not an address) are read but do not score. */
const MAX_SPANS = 30;

function bitCount(x: number): number {
  let v = x - ((x >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

const better = (a: Score, b: Score) =>
  a.strong - b.strong || a.weak - b.weak || a.distinct - b.distinct || a.own - b.own;

export function resolveAddressText(
  g: GazetteerIndex,
  raw: string,
  options: ResolveOptions = {},
): AddressResolution {
  const text = foldText(raw, g.fold);
  const spans = findNames(g, text);
  const detailsAfter = (from: number) => addressDetails(text.slice(from));
  const empty = { text, spans, best: [], unexplained: [], explained: [] };
  if (spans.length === 0) return { ...empty, details: detailsAfter(0), problem: 'nothing' };

  const { stamp, bits } = g.scratch;
  const generation = (g.scratch.generation = (g.scratch.generation % 0xfffffffe) + 1);
  const candidates: number[] = [];
  let strongMask = 0;
  const counted = spans.slice(0, MAX_SPANS);
  counted.forEach((s, k) => {
    if (s.strong) strongMask |= 1 << k;
    for (const id of s.ids) {
      if (stamp[id] !== generation) {
        stamp[id] = generation;
        bits[id] = 0;
        candidates.push(id);
      }
      bits[id] = (bits[id] as number) | (1 << k);
    }
  });
  /** Whether place a is among span k's places (a mark in scratch memory, no Set per span). */
  const inSpan = (a: number, k: number) =>
    stamp[a] === generation && (((bits[a] as number) >>> k) & 1) === 1;

  // Spans are read top-down, as addresses are written: each takes the highest place on the line
  // below the one the span before it took (富镇富镇 is 富镇镇 and then 富镇村 in it).
  const assign = (line: readonly number[]): (number | undefined)[] => {
    const top = [...line].reverse();
    let floor = -1;
    return spans.map((_, k) => {
      if (k >= MAX_SPANS) return undefined;
      let at = top.findIndex((a, idx) => idx > floor && inSpan(a, k));
      if (at < 0) at = top.findIndex((a) => inSpan(a, k));
      else floor = at;
      return at < 0 ? undefined : top[at];
    });
  };
  const scoreOf = (id: number): Score => {
    const line = lineageIds(g, id);
    const score: Score = {
      id,
      strong: 0,
      weak: 0,
      distinct: 0,
      own: 0,
      inRegion: options.homeRegion !== undefined && line.includes(options.homeRegion),
    };
    const hits = assign(line);
    hits.forEach((hit, k) => {
      if (hit === undefined) return;
      if ((spans[k] as NameSpan).strong) score.strong++;
      else score.weak++;
      if ((spans[k] as NameSpan).own.includes(hit)) score.own++;
    });
    score.distinct = new Set(hits.filter((h) => h !== undefined)).size;
    return score;
  };

  // First pass, cheap: which spans each candidate's line explains, as a bit mask over spans (a
  // text has few), counting strong and weak ones. Only the leaders get the full reading.
  let leaders: number[] = [];
  let bestStrong = -1;
  let bestWeak = -1;
  const consider = (id: number, strong: number, weak: number) => {
    if (strong > bestStrong || (strong === bestStrong && weak > bestWeak)) {
      bestStrong = strong;
      bestWeak = weak;
      leaders = [id];
    } else if (strong === bestStrong && weak === bestWeak) {
      leaders.push(id);
    }
  };
  const parents = g.parentIds;
  for (const id of candidates) {
    let mask = 0;
    for (let cur = id, d = 0; cur >= 0 && d < 8; cur = parents[cur] as number, d++)
      if (stamp[cur] === generation) mask |= bits[cur] as number;
    consider(id, bitCount(mask & strongMask), bitCount(mask & ~strongMask));
  }
  let top: Score[] = [];
  if (leaders.length > FULL_SCORING_LIMIT) {
    // Hundreds of places tied on the same names (a bare 和平社区): the finer reading cannot make
    // one of them win, so only the home region is looked at.
    top = leaders.map((id) => ({
      id,
      strong: bestStrong,
      weak: bestWeak,
      distinct: 0,
      own: 0,
      inRegion: options.homeRegion !== undefined && isWithin(g, id, options.homeRegion),
    }));
  } else
    for (const id of leaders) {
      const sc = scoreOf(id);
      const cmp = top.length === 0 ? 1 : better(sc, top[0] as Score);
      if (cmp > 0) top = [sc];
      else if (cmp === 0) top.push(sc);
    }
  // A place inside an equally good one scores the same only when one span names both (潘渡 is
  // 潘渡乡 and 潘渡村 in it): reading the deeper one would claim more than the text says.
  const topIds = new Set(top.map((t) => t.id));
  top = top.filter(
    (t) =>
      !lineageIds(g, t.id)
        .slice(1)
        .some((a) => topIds.has(a)),
  );
  // Base ids are in code order already; only operator places need their codes compared.
  top.sort(
    (a, b) =>
      Number(b.inRegion) - Number(a.inRegion) ||
      (a.id < g.baseSize && b.id < g.baseSize ? a.id - b.id : g.code(a.id) < g.code(b.id) ? -1 : 1),
  );
  const best = top.map((t) => t.id);
  const lead = top[0] as Score;

  const explainedBy = (id: number): ExplainedSpan[] =>
    assign(lineageIds(g, id)).flatMap((hit, k) =>
      hit === undefined ? [] : [{ span: spans[k] as NameSpan, id: hit }],
    );
  const explained = explainedBy(lead.id);
  const unexplained = spans.filter(
    (s) => s.strong && s.anchored && !explained.some((e) => e.span === s),
  );
  // Building, unit and room follow the last name the winner's line explains.
  const details = detailsAfter(explained.reduce((m, e) => Math.max(m, e.span.end), 0));
  const result = { ...empty, best, explained, unexplained, details };

  if (unexplained.length > 0) return { ...result, problem: 'conflict' };
  // One bare stem, or one name glued inside other words, is too thin: 华龙苑北里 may be the estate,
  // or just words in a sentence. Two names that agree, or one written as a name, are enough.
  if (explained.length < 2 && !explained.some((e) => e.span.strong && e.span.anchored))
    return { ...result, problem: 'weak' };
  if (top.length === 1) return { ...result, decided: { id: lead.id, basis: 'unique' } };
  const inRegion = top.filter((t) => t.inRegion);
  if (inRegion.length === 1) return { ...result, decided: { id: lead.id, basis: 'home_region' } };
  return { ...result, problem: 'ambiguous' };
}
