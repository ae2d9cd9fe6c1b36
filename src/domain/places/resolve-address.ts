// Resolves an address text to one place when the text allows only one reading, and otherwise says
// why not. Every place any name span could mean is a candidate; a candidate scores the spans its
// own ancestor line explains (朝阳区 + 垡头街道 fit only Beijing's 垡头街道). The best score wins only
// when it is unique, or unique inside the source's home region; a strong name the winner cannot
// explain means the text mixes places, and nobody guesses.
import { addressDetails, type AddressDetails } from './address-details.js';
import { findNames, type NameSpan } from './find-names.js';
import { foldText } from './fold.js';
import { ANCESTOR_SLOTS, isWithin, lineageIds, type GazetteerIndex } from './gazetteer-index.js';

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
  /**
   * Set when exactly one place is decided. `within` lists the places the text may mean inside it when
   * it was decided as the place they all lie in (the district of 劲松街道 and a 南路社区).
   */
  decided?: {
    id: number;
    basis: ResolutionBasis;
    within?: number[];
    /** The former place (an older edition's name) the text named, when it did. */
    former?: number;
  };
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

/** Places of a line read when scoring: the candidate and its ancestors (lineageIds reads as many). */
const MAX_LINE = 8;

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

  const { stamp, marks } = g.scratch;
  const generation = nextGeneration(g);
  const candidates: number[] = [];
  // Bit k: span k follows span k - 1 with nothing between but spaces (金华义乌, 宁波 余姚).
  let adjacent = 0;
  const nCounted = Math.min(spans.length, MAX_SPANS);
  for (let k = 0; k < nCounted; k++) {
    const s = spans[k] as NameSpan;
    const prev = spans[k - 1];
    if (prev && onlySpaces(text, prev.end, s.start)) adjacent |= 1 << k;
    const bit = 1 << k;
    const ids = s.ids;
    for (let n = 0; n < ids.length; n++) {
      const id = ids[n] as number;
      const at = id * MARK_STRIDE;
      if (stamp[id] !== generation) {
        stamp[id] = generation;
        marks[at + BITS] = 0;
        marks[at + STRONG] = 0;
        marks[at + OWN] = 0;
        candidates.push(id);
      }
      marks[at + BITS] = (marks[at + BITS] as number) | bit;
      if (n < s.nStrong) marks[at + STRONG] = (marks[at + STRONG] as number) | bit;
    }
    const own = s.own;
    for (let n = 0; n < own.length; n++) {
      const id = own[n] as number;
      if (stamp[id] === generation)
        marks[id * MARK_STRIDE + OWN] = (marks[id * MARK_STRIDE + OWN] as number) | bit;
    }
  }
  const homeRegion = options.homeRegion;

  // First pass, cheap: which spans each candidate's line explains, as a bit mask over spans (a
  // text has few), counting strong and weak ones. Only the leaders get the full reading.
  let leaders: number[] = [];
  let bestStrong = -1;
  let bestWeak = -1;
  const parents = g.parentIds;
  const ancestors = g.ancestorIds;
  for (let c = 0; c < candidates.length; c++) {
    const id = candidates[c] as number;
    // The candidate itself is marked; then its line, up to MAX_LINE places in all.
    let mask = marks[id * MARK_STRIDE + BITS] as number;
    let strongMask = marks[id * MARK_STRIDE + STRONG] as number;
    let cur = -1;
    let d = 1;
    for (let j = 0; j < ANCESTOR_SLOTS; j++, d++) {
      cur = ancestors[id * ANCESTOR_SLOTS + j] as number;
      if (cur < 0) break;
      if (stamp[cur] === generation) {
        mask |= marks[cur * MARK_STRIDE + BITS] as number;
        strongMask |= marks[cur * MARK_STRIDE + STRONG] as number;
      }
    }
    // Lines deeper than the stored ancestors (an operator's estates) go on parent by parent.
    if (cur >= 0)
      for (
        cur = parents[cur] as number;
        cur >= 0 && d < MAX_LINE;
        cur = parents[cur] as number, d++
      )
        if (stamp[cur] === generation) {
          mask |= marks[cur * MARK_STRIDE + BITS] as number;
          strongMask |= marks[cur * MARK_STRIDE + STRONG] as number;
        }
    const strongAll = strongFor(mask, strongMask, adjacent);
    const strong = bitCount(strongAll);
    const weak = bitCount(mask & ~strongAll);
    if (strong > bestStrong || (strong === bestStrong && weak > bestWeak)) {
      bestStrong = strong;
      bestWeak = weak;
      leaders = [id];
    } else if (strong === bestStrong && weak === bestWeak) {
      leaders.push(id);
    }
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
      inRegion: homeRegion !== undefined && isWithin(g, id, homeRegion),
    }));
  } else
    for (const id of leaders) {
      const sc = scoreOf(g, generation, spans.length, adjacent, homeRegion, id);
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
  const lead = top[0] as Score;
  const inRegion = top.filter((t) => t.inRegion);

  // The places the text may mean: all the best, or those of the home region when it has some. When
  // they all lie in one district (劲松街道 and a 南路社区 in 朝阳区), the text names that district for
  // sure and only the finer reading is open: the deepest place they share is decided.
  const chosen = top.length > 1 && inRegion.length > 0 ? inRegion : top;
  // A former name stands for today's place (余杭区乔司街道 is 临平区乔司街道): readings that lead to
  // the same place today are one reading.
  const places = [...new Set(chosen.map((t) => todayOf(g, t.id)))];
  // Candidates are today's places: a former name listed beside its own place today is one candidate.
  const best = [...new Set(top.map((t) => todayOf(g, t.id)))];
  const shared = places.length === 1 ? (places[0] as number) : deepestShared(g, places);
  const decidable = shared >= 0 && (places.length === 1 || atOrBelowDistrict(g, shared));
  const decidedId = decidable ? shared : lead.id;
  /** The former place the decision was read through, when the text used an older edition's name. */
  const formerId =
    decidable && places.length === 1 && chosen.every((t) => t.id !== shared)
      ? chosen.find((t) => g.formerTarget(t.id) === shared)?.id
      : undefined;

  const explainedSeen = new Map<number, ExplainedSpan[]>();
  const explainedBy = (id: number): ExplainedSpan[] => {
    let e = explainedSeen.get(id);
    if (e === undefined) {
      e = assign(g, generation, spans.length, lineageIds(g, id)).flatMap((hit, k) =>
        hit === undefined ? [] : [{ span: spans[k] as NameSpan, id: hit }],
      );
      explainedSeen.set(id, e);
    }
    return e;
  };
  // What each of the chosen places explains: a span none of them explains is evidence against all.
  const explainedByChosen = new Set(
    (decidable ? chosen : [lead]).flatMap((t) => explainedBy(t.id).map((e) => e.span)),
  );
  const explained = explainedBy(formerId ?? decidedId);
  const cityOf = ancestorAt(g, decidedId, 'city');
  const unexplained = spans.filter(
    (sp) =>
      sp.strong &&
      sp.anchored &&
      !explainedByChosen.has(sp) &&
      !localNameElsewhere(g, sp, decidedId, cityOf),
  );
  // Building, unit and room follow the last name the winner's line explains.
  const lastEnd = [...explainedByChosen].reduce((m, sp) => Math.max(m, sp.end), 0);
  const details = detailsAfter(lastEnd);
  const result = { text, spans, best, unexplained, explained, details };

  if (unexplained.length > 0) return { ...result, problem: 'conflict' };
  // One bare stem, or one name glued inside other words, is too thin: 华龙苑北里 may be the estate,
  // or just words in a sentence. Two names that agree, or one written as a name, are enough.
  const evidence = [...explainedByChosen];
  if (evidence.length < 2 && !evidence.some((sp) => sp.strong && sp.anchored))
    return { ...result, problem: 'weak' };
  if (decidable)
    return {
      ...result,
      decided: {
        id: decidedId,
        basis: chosen === top ? 'unique' : 'home_region',
        ...(places.length > 1 ? { within: places } : {}),
        ...(formerId !== undefined ? { former: formerId } : {}),
      },
    };
  return { ...result, problem: 'ambiguous' };
}

/** The scratch marks per place (gazetteer-index.ts): span bits, strong bits, own bits. */
const MARK_STRIDE = 3;
const BITS = 0;
const STRONG = 1;
const OWN = 2;

/**
 * The next resolution's stamp. Stamps are bytes, so the array that says which places are
 * candidates is small enough to stay in cache; every 255 resolutions it is cleared once.
 */
function nextGeneration(g: GazetteerIndex): number {
  const scratch = g.scratch;
  if (scratch.generation >= 255) {
    scratch.stamp.fill(0);
    scratch.generation = 0;
  }
  return ++scratch.generation;
}

/** Whether place a is among span k's places (a mark in scratch memory, no Set per span). */
function inSpan(g: GazetteerIndex, generation: number, a: number, k: number): boolean {
  return (
    g.scratch.stamp[a] === generation &&
    (((g.scratch.marks[a * MARK_STRIDE + BITS] as number) >>> k) & 1) === 1
  );
}

/**
 * Spans that count as strong for a line explaining `mask`: names written in full, and names that
 * follow one another on the same line (金华义乌: two bare stems, but a city and its county).
 */
function strongFor(mask: number, strongMask: number, adjacent: number): number {
  return strongMask | (mask & adjacent & (mask << 1)) | (mask & (adjacent >>> 1) & (mask >>> 1));
}

/**
 * Spans are read top-down, as addresses are written: each takes the highest place on the line
 * below the one the span before it took (富镇富镇 is 富镇镇 and then 富镇村 in it). `line` is most
 * specific first; idx counts from the top (line's end).
 */
function assign(
  g: GazetteerIndex,
  generation: number,
  nSpans: number,
  line: readonly number[],
): (number | undefined)[] {
  const depth = line.length;
  let floor = -1;
  const hits = new Array<number | undefined>(nSpans);
  for (let k = 0; k < nSpans; k++) {
    if (k >= MAX_SPANS) break;
    let at = -1;
    for (let idx = floor + 1; idx < depth; idx++)
      if (inSpan(g, generation, line[depth - 1 - idx] as number, k)) {
        at = idx;
        break;
      }
    if (at >= 0) floor = at;
    else
      for (let idx = 0; idx < depth; idx++)
        if (inSpan(g, generation, line[depth - 1 - idx] as number, k)) {
          at = idx;
          break;
        }
    hits[k] = at < 0 ? undefined : line[depth - 1 - at];
  }
  return hits;
}

/** The full reading of one leader: strong and weak spans, distinct places, own level words. */
function scoreOf(
  g: GazetteerIndex,
  generation: number,
  nSpans: number,
  adjacent: number,
  homeRegion: number | undefined,
  id: number,
): Score {
  const { stamp, marks } = g.scratch;
  const line = lineageIds(g, id);
  const score: Score = {
    id,
    strong: 0,
    weak: 0,
    distinct: 0,
    own: 0,
    inRegion: homeRegion !== undefined && line.includes(homeRegion),
  };
  const hits = assign(g, generation, nSpans, line);
  let mask = 0;
  let strongMask = 0;
  for (let k = 0; k < hits.length; k++) {
    const hit = hits[k];
    if (hit === undefined) continue;
    mask |= 1 << k;
    if (stamp[hit] === generation)
      strongMask |= (marks[hit * MARK_STRIDE + STRONG] as number) & (1 << k);
  }
  const strong = strongFor(mask, strongMask, adjacent);
  for (let k = 0; k < hits.length; k++) {
    const hit = hits[k];
    if (hit === undefined) continue;
    if (((strong >>> k) & 1) === 1) score.strong++;
    else score.weak++;
    if (stamp[hit] === generation && (((marks[hit * MARK_STRIDE + OWN] as number) >>> k) & 1) === 1)
      score.own++;
    if (hits.indexOf(hit) === k) score.distinct++;
  }
  return score;
}

/** A former name stands for today's place (余杭区乔司街道 is 临平区乔司街道). */
function todayOf(g: GazetteerIndex, id: number): number {
  const t = g.formerTarget(id);
  return t >= 0 ? t : id;
}

/** Whether text[from, to) is empty or white space only (as `.trim() === ''` says, without a copy). */
function onlySpaces(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!whiteSpace.test(text.charAt(i))) return false;
  return true;
}
const whiteSpace = /^\s$/u;

/** The deepest place on every one of these lines, or -1. */
function deepestShared(g: GazetteerIndex, ids: readonly number[]): number {
  const [first, ...rest] = ids;
  if (first === undefined) return -1;
  const lines = rest.map((id) => new Set(lineageIds(g, id)));
  return lineageIds(g, first).find((a) => lines.every((l) => l.has(a))) ?? -1;
}

const deepLevels = new Set(['district', 'street', 'community', 'estate']);
function atOrBelowDistrict(g: GazetteerIndex, id: number): boolean {
  return deepLevels.has(g.level(id));
}

function ancestorAt(g: GazetteerIndex, id: number, level: string): number {
  for (const a of lineageIds(g, id)) if (g.level(a) === level) return a;
  return -1;
}

/**
 * A strong village name (…村) that only villages elsewhere carry, none of them in the decided
 * place's city (汉阳区钟家村, 青羊区光华村街: a neighbourhood the tables do not list under that
 * name), says nothing against the place: it is a local name, not a second place. A same-named
 * village in the same city is a second place, and the text goes to triage.
 */
function localNameElsewhere(
  g: GazetteerIndex,
  span: NameSpan,
  decided: number,
  city: number,
): boolean {
  // Only an old village's name (村 at the end, no 社区/村委会 after it): 韶光社区 after 垡头街道 is a
  // community written as one, and a community elsewhere is a second place.
  if (
    !span.text.endsWith('村') ||
    !atOrBelowDistrict(g, decided) ||
    g.level(decided) === 'community'
  )
    return false;
  for (let n = 0; n < span.nStrong; n++) {
    const id = span.ids[n] as number;
    if (g.level(id) !== 'community') return false;
    if (city >= 0 && isWithin(g, id, city)) return false;
  }
  return true;
}
