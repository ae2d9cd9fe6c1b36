// Finds the place names in a folded address text: every key of the tries at every position, and a
// stem extended by a level suffix that follows it (垡头 + 街道办事处); then the best reading of the
// whole text, chosen by dynamic programming. A span is strong when a name was written in full or
// with a suffix of its level; a bare stem (垡头, 华龙苑北里) is weak: ordinary words are full of short
// stems (东风路, 人民). Names that start where a name can start count more than names glued inside
// other words, so 位于大渔村委会 reads 大渔村委会, not 于大 + 渔村委会.
import {
  FULL_NAME_BIT,
  type GazetteerIndex,
  type KeyMeaning,
  type SpanCacheEntry,
  type SpanMeaning,
} from './gazetteer-index.js';
import { classesAccepting, classesOwning, suffixesByFirstChar } from './name-forms.js';
import { childIn, type ChildTable, type NameTrie } from './name-trie.js';

export interface NameSpan {
  start: number;
  end: number;
  text: string;
  /**
   * Places this span may name (ids; a place may be listed twice when two keys name it): the first
   * nStrong as written in full or with their level word, then those it names only by a bare stem
   * (中关村 is a village's full name somewhere and the stem of 中关村街道 in 海淀区: both are read).
   */
  ids: readonly number[];
  nStrong: number;
  /** Of those, the places written with their own level word or their own full name (朝阳县 is a 县). */
  own: readonly number[];
  strong: boolean;
  /**
   * The span starts where a name can start: at the beginning, after a space, digit or punctuation,
   * right after another name, or after a word that introduces a place (住在, 位于, 反映). A suffixed
   * name glued to the end of an unknown word (开鲁新村 → 鲁新村) is often no name at all, so it may
   * not overrule the rest of the text.
   */
  anchored: boolean;
}

/**
 * Full names this short are ordinary words too (城区, 郊区, 新村): they only count as weak evidence,
 * except counties and towns named with their level word (南县, 文县, 富镇), which are names.
 */
const SHORT_FULL_NAME = 2;
const countyWords = new Set([...'县旗镇乡'].map((c) => c.charCodeAt(0)));
const countyWord = { test: (ch: string) => countyWords.has(ch.charCodeAt(0)) };

/** Where a hit's places are: a posting range of one trie, and the suffix that followed a stem. */
interface Ref {
  trie: number;
  node: number;
  suffix?: string;
}

interface Hit {
  start: number;
  end: number;
  strong: boolean;
  refs: Ref[];
}

/** Worth of a span per character: strong over weak, anchored over glued; each span also costs one. */
const worth = (strong: boolean, anchored: boolean) =>
  strong ? (anchored ? 3 : 2) : anchored ? 1.5 : 1;
const SPAN_COST = 1;

export function findNames(g: GazetteerIndex, text: string): NameSpan[] {
  const n = text.length;
  const byStart: (Hit[] | undefined)[] = new Array<Hit[] | undefined>(n);
  const add = (start: number, end: number, strong: boolean, ref: Ref) => {
    const list = (byStart[start] ??= []);
    const h = list.find((x) => x.end === end);
    if (h) {
      h.strong ||= strong;
      h.refs.push(ref);
    } else {
      list.push({ start, end, strong, refs: [ref] });
    }
  };

  // Walk every trie from every position; judge each key by its node's class mask only.
  for (let i = 0; i < n; i++) {
    for (let t = 0; t < g.tries.length; t++) {
      const trie = g.tries[t] as NameTrie;
      const masks = g.nodeMasks[t] as Uint32Array;
      const table = g.childTables[t] as ChildTable;
      let node = 0;
      for (let j = i; j < n; j++) {
        node =
          j === i
            ? ((g.rootChildren[t] as Uint32Array)[text.charCodeAt(j)] as number) || -1
            : childIn(trie, table, node, text.charCodeAt(j));
        if (node < 0) break;
        const mask = masks[node] as number;
        if (mask === 0) continue;
        const end = j + 1;
        if ((mask & FULL_NAME_BIT) !== 0 || (mask & ~FULL_NAME_BIT) !== 0) {
          const fullStrong =
            (mask & FULL_NAME_BIT) !== 0 &&
            (end - i > SHORT_FULL_NAME || countyWord.test(text.charAt(j)));
          add(i, end, fullStrong, { trie: t, node });
        }
        const stemClasses = mask & ~FULL_NAME_BIT;
        if (stemClasses === 0) continue;
        // The longest suffix that one of these stems' classes accepts makes a strong, longer span.
        for (const suffix of suffixesByFirstChar.get(text.charCodeAt(end)) ?? []) {
          if (
            (stemClasses & (classesAccepting.get(suffix) ?? 0)) === 0 ||
            !text.startsWith(suffix, end)
          )
            continue;
          add(i, end + suffix.length, true, { trie: t, node, suffix });
          break;
        }
      }
    }
  }

  // score[2i + a]: the best reading of text[0, i); a = 1 when a span ends exactly at i. The back
  // pointers say which hit (or none: a skipped character) led there, and from which state.
  const { score, backFrom, backHit } = dpTables(2 * (n + 1));
  score[0] = 0;
  for (let i = 0; i < n; i++) {
    for (let a = 0; a < 2; a++) {
      const here = score[2 * i + a] as number;
      if (here === -Infinity) continue;
      if (here > (score[2 * (i + 1)] as number)) {
        score[2 * (i + 1)] = here;
        backFrom[2 * (i + 1)] = 2 * i + a;
        backHit[2 * (i + 1)] = undefined;
      }
      const list = byStart[i];
      if (list === undefined) continue;
      const anchored = a === 1 || startsName(text, i);
      for (const h of list) {
        const v = here + (h.end - h.start) * worth(h.strong, anchored) - SPAN_COST;
        if (v > (score[2 * h.end + 1] as number)) {
          score[2 * h.end + 1] = v;
          backFrom[2 * h.end + 1] = 2 * i + a;
          backHit[2 * h.end + 1] = h;
        }
      }
    }
  }

  const spans: NameSpan[] = [];
  let state = (score[2 * n + 1] as number) > (score[2 * n] as number) ? 2 * n + 1 : 2 * n;
  while (state > 1) {
    const from = backFrom[state] as number;
    if (from < 0) break;
    const h = backHit[state];
    if (h) {
      const span = materialize(g, text, h, (from & 1) === 1 || startsName(text, h.start));
      if (span) spans.push(span);
    }
    state = from;
  }
  // A bare stem in the middle of other words (小区北门附近: 北门) is no evidence of a place at all.
  return spans.reverse().filter((sp) => sp.strong || sp.anchored);
}

/**
 * The dynamic programme's tables, kept between calls and grown when a text is longer than any
 * before: a fresh typed array per address cost more than the reading. One reading runs at a time.
 */
let dp = {
  score: new Float64Array(512),
  backFrom: new Int32Array(512),
  backHit: new Array<Hit | undefined>(512),
};
function dpTables(size: number): typeof dp {
  if (dp.score.length < size) {
    const cap = Math.max(size, 2 * dp.score.length);
    dp = {
      score: new Float64Array(cap),
      backFrom: new Int32Array(cap),
      backHit: new Array<Hit | undefined>(cap),
    };
  }
  dp.score.fill(-Infinity, 0, size);
  dp.backFrom.fill(-1, 0, size);
  dp.backHit.fill(undefined, 0, size);
  return dp;
}

/** Keys remembered before the cache starts over; common names (朝阳区, 东城区) stay warm. */
const KEY_CACHE_LIMIT = 50_000;
const suffixNumber = new Map([...classesAccepting.keys()].map((sfx, i) => [sfx, i + 1]));

/** What one trie key (with or without a following suffix) means: its live places, strong or weak. */
function meaning(g: GazetteerIndex, ref: Ref, key: number, short: boolean): KeyMeaning {
  const cached = g.keyCache.get(key);
  if (cached) return cached;
  const trie = g.tries[ref.trie] as NameTrie;
  const strong: number[] = [];
  const weak: number[] = [];
  const own: number[] = [];
  const accepts = ref.suffix === undefined ? 0 : (classesAccepting.get(ref.suffix) ?? 0);
  const owns = ref.suffix === undefined ? 0 : (classesOwning.get(ref.suffix) ?? 0);
  for (
    let p = trie.postStart[ref.node] as number, end = trie.postStart[ref.node + 1] as number;
    p < end;
    p++
  ) {
    const posting = trie.postings[p] as number;
    const id = posting >>> 1;
    if (!g.live(id)) continue;
    const full = (posting & 1) === 1;
    if (ref.suffix === undefined) {
      if (!full) weak.push(id);
      else if (short) {
        weak.push(id);
        own.push(id);
      } else {
        strong.push(id);
        own.push(id);
      }
    } else if (!full) {
      const cls = g.suffixClass(id);
      if (((accepts >>> cls) & 1) === 0) continue;
      strong.push(id);
      if (((owns >>> cls) & 1) === 1) own.push(id);
    }
  }
  const result = {
    ids: strong.length > 0 ? [...strong, ...weak] : weak,
    nStrong: strong.length,
    own,
  };
  if (g.keyCache.size >= KEY_CACHE_LIMIT) g.keyCache.clear();
  g.keyCache.set(key, result);
  return result;
}

/** The cache key of one trie key's meaning: node, suffix, trie and whether the span is short. */
function meaningKey(ref: Ref, short: boolean): number {
  return (
    ((ref.node * 64 + (ref.suffix === undefined ? 0 : (suffixNumber.get(ref.suffix) ?? 0))) * 4 +
      ref.trie) *
      2 +
    (short ? 1 : 0)
  );
}

/** The places of a chosen span, from the meanings of its keys. */
function materialize(
  g: GazetteerIndex,
  text: string,
  h: Hit,
  anchored: boolean,
): NameSpan | undefined {
  const short = h.end - h.start <= SHORT_FULL_NAME && !countyWord.test(text.charAt(h.end - 1));
  // The refs say everything the span's places depend on (the keys spell its text), so what they
  // mean together is remembered: common names are read once, not joined again for every order.
  // One level of maps per key, so no key string is built per span.
  if (g.spanCache.size >= KEY_CACHE_LIMIT) g.spanCache.clear();
  let level = g.spanCache;
  let entry: SpanCacheEntry | undefined;
  for (const ref of h.refs) {
    const key = meaningKey(ref, short);
    entry = level.get(key);
    if (entry === undefined) {
      entry = {};
      level.set(key, entry);
    }
    level = entry.next ??= new Map<number, SpanCacheEntry>();
  }
  let joined = (entry as SpanCacheEntry).meaning;
  if (joined === undefined) {
    joined = joinMeanings(
      text.slice(h.start, h.end),
      h.refs.map((ref) => meaning(g, ref, meaningKey(ref, short), short)),
    );
    (entry as SpanCacheEntry).meaning = joined;
  }
  if (joined === null) return undefined;
  return {
    start: h.start,
    end: h.end,
    text: text.slice(h.start, h.end),
    ids: joined.ids,
    nStrong: joined.nStrong,
    own: joined.own,
    strong: joined.strong,
    anchored,
  };
}

/** What a span's keys mean together; null when none of them names a live place. */
function joinMeanings(spanText: string, all: readonly KeyMeaning[]): SpanMeaning | null {
  const meanings = all.filter((m) => m.ids.length > 0);
  if (meanings.length === 0) return null;
  // A generic zone word (开发区, 工业园区) or an estate's part (城东区 in 新城东区) names no place by itself.
  const generic = isGenericName(spanText);
  const strong = !generic && meanings.some((m) => m.nStrong > 0);
  if (meanings.length === 1) {
    const only = meanings[0] as KeyMeaning;
    return { ids: only.ids, nStrong: strong ? only.nStrong : 0, own: only.own, strong };
  }
  // Two keys for one span (朝阳区 as a full name and as 朝阳 + 区): the lists are joined, strong
  // meanings first, not deduplicated; a place listed twice is still one candidate.
  const ids = [
    ...meanings.flatMap((m) => m.ids.slice(0, m.nStrong)),
    ...meanings.flatMap((m) => m.ids.slice(m.nStrong)),
  ];
  const nStrong = strong ? meanings.reduce((n, m) => n + m.nStrong, 0) : 0;
  return { ids, nStrong, own: meanings.flatMap((m) => m.own), strong };
}

/**
 * Words that are names somewhere but say little where they stand: development zones and parks (开发区,
 * 高新技术产业开发区, 工业园区 are streets' names in a few counties) and a town's parts (城东区 is
 * 西宁's district and the east part of every 新城). Never strong; they count only where the line of
 * names around them agrees.
 */
const genericName =
  /^(?:(?:经济技术|经济|高新技术产业|高新技术|高新|高科技|工业|科技|产业|物流|保税|火炬|现代)?(?:开发区|工业园区|工业园|科技园区|科技园|产业园区|产业园|园区|工业区|新区|高新区)|城[东西南北中]区|[东西南北中]区|城区|郊区|矿区)$/u;

export function isGenericName(text: string): boolean {
  const last = text.charCodeAt(text.length - 1);
  // Every generic word ends in 区 or 园: the common case skips the expression.
  return (last === 0x533a || last === 0x56ed) && genericName.test(text);
}

/** Characters after which a place name starts: 住在朝阳区, 位于垡头街道, 市民反映…, 来电人称… */
const introducers = new Set([...'在住于至到往从址近自映称'].map((c) => c.charCodeAt(0)));

function isCjk(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

function startsName(text: string, i: number): boolean {
  if (i === 0) return true;
  const before = text.charCodeAt(i - 1);
  // After a digit comes 号楼, 单元, 室: numbers belong to the address's lower levels, not to a name.
  if (before >= 0x30 && before <= 0x39) return false;
  return !isCjk(before) || introducers.has(before);
}
