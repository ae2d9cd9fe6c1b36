// The gazetteer the router reads: the national base (typed arrays, optional) with the operator's places
// layered over it. An operator's place wins over the base: same code → it replaces the base place;
// same name under the same parent with another code (a newer or older edition's code) → it supersedes
// the base place, whose code then leads to the operator's place.
import type { Place, PlaceLevel } from '../../../contracts/places.js';
import {
  baseCode,
  baseIndexOf,
  baseLevels,
  baseName,
  type BaseGazetteer,
} from './base-gazetteer.js';
import { emptyFoldTable, foldText, type FoldTable } from './fold.js';
import type { FormerPlace } from './former-names.js';
import { nameForms, placeholderNames, type SuffixClass } from './name-forms.js';
import { buildNameTrie, wideChildTable, type ChildTable, type NameTrie } from './name-trie.js';

export interface KeyMeaning {
  /** Places the key may name: the first nStrong as written in full or with their level word, then the bare stems. */
  ids: readonly number[];
  nStrong: number;
  own: readonly number[];
}

/** What a span's keys mean together (find-names.ts): its places, and whether it counts as strong. */
export interface SpanMeaning extends KeyMeaning {
  strong: boolean;
}

export interface SpanCacheEntry {
  meaning?: SpanMeaning | null;
  next?: Map<number, SpanCacheEntry>;
}

export interface GazetteerIndex {
  /** Number of ids: base places are 0..baseSize-1, the operator's follow. */
  readonly size: number;
  readonly baseSize: number;
  readonly base: BaseGazetteer | undefined;
  readonly fold: FoldTable;
  /** Tries to scan text with; postings are id × 2 + 1 for a full name or alias, + 0 for a bare stem. */
  readonly tries: readonly NameTrie[];
  /**
   * Per trie node: bit c set when a bare stem of suffix class c ends there; bit 31 when a full name
   * does. Lets the matcher judge a span without looking at its (sometimes hundreds of) places.
   */
  readonly nodeMasks: readonly Uint32Array[];
  /** Per trie: first character → the root's child for it (0: none), so a scan's first step is one read. */
  readonly rootChildren: readonly Uint32Array[];
  /** Per trie: the children of its wide nodes by (node, character), for the scan's later steps. */
  readonly childTables: readonly ChildTable[];
  /** Id of the place with this code (a superseded base code gives its replacement), or -1. */
  idOf(code: string): number;
  place(id: number): Place;
  code(id: number): string;
  name(id: number): string;
  level(id: number): PlaceLevel;
  suffixClass(id: number): SuffixClass;
  /** Parent id, or -1. */
  parent(id: number): number;
  /** The same as parent(), as one array (base parents with the operator's replacements applied) for hot loops. */
  readonly parentIds: Int32Array;
  /**
   * The first ANCESTOR_SLOTS places above each place (parent first, -1 after the top), side by
   * side: a candidate's line is one read instead of a chain of dependent reads across the array.
   * Lines deeper than that go on through parentIds.
   */
  readonly ancestorIds: Int32Array;
  /** False for base places an operator place replaced: their names no longer match. */
  live(id: number): boolean;
  /**
   * For a former name (an older edition's place, ids after the operator's), today's place it leads
   * to; -1 for every other id. A former place sits on its old line (余杭区 → 乔司街道), so the text
   * that names the old line finds it, and then the decision is today's place.
   */
  formerTarget(id: number): number;
  /** The edition that used a former name ("NBS 2015"), or undefined. */
  formerEdition(id: number): string | undefined;
  /** What the operator's places did to the base, for the start-up log. */
  readonly notes: readonly string[];
  /**
   * Scratch memory for one resolution at a time (a mark per place), so the hot loop reads arrays
   * instead of hashing. JavaScript runs one resolution to its end before the next starts.
   */
  readonly scratch: {
    /**
     * Which resolution last marked each place (a byte: resolve-address.ts clears it every 255
     * resolutions instead of clearing marks per resolution); a small array that stays in cache.
     */
    stamp: Uint8Array;
    /**
     * Three marks per place, side by side so that one place's marks are one read: bit k when span k
     * may name it, bit k when span k names it as written in full or with its level word, and bit k
     * when span k names it with its own level word or full name (朝阳县 is a 县). Stale unless the
     * place's stamp is the current resolution's.
     */
    marks: Uint32Array;
    generation: number;
  };
  /** What a trie key means (its live places, strong or weak, own or borrowed), remembered per key and suffix. */
  readonly keyCache: Map<number, KeyMeaning>;
  /**
   * What the keys of one span mean together (null: no live place), remembered per list of keys: a
   * map per key, the entry for the last key holding the meaning.
   */
  readonly spanCache: Map<number, SpanCacheEntry>;
}

const MAX_DEPTH = 8;
/** Codes remembered by idOf before its memory starts over. */
const CODE_CACHE_LIMIT = 50_000;

export function lineageIds(g: GazetteerIndex, id: number): number[] {
  const chain: number[] = [];
  const parents = g.parentIds;
  for (let cur = id; cur >= 0 && chain.length < MAX_DEPTH; cur = parents[cur] as number)
    chain.push(cur);
  return chain;
}

export function isWithin(g: GazetteerIndex, id: number, ancestor: number): boolean {
  for (let cur = id, n = 0; cur >= 0 && n < MAX_DEPTH; cur = g.parent(cur), n++)
    if (cur === ancestor) return true;
  return false;
}

/** Stem used to decide that an operator's place is the same as a base place with another code. */
function sameNameKey(name: string, level: PlaceLevel, fold: FoldTable): string {
  return foldText(nameForms(name, level).stem ?? name, fold);
}

/**
 * Layers the operator's places over the base. Places must come parents-first or not; parents are
 * looked up among both. Unknown parents are the caller's to report (buildPlaceIndex does).
 */
export function buildGazetteerIndex(
  base: BaseGazetteer | undefined,
  places: readonly Place[],
): GazetteerIndex {
  const fold = base?.fold ?? emptyFoldTable;
  const baseSize = base?.codes.length ?? 0;
  const former = base?.former ?? [];
  const formerStart = baseSize + places.length;
  const size = formerStart + former.length;
  const overlayIdByCode = new Map<string, number>();
  places.forEach((p, k) => overlayIdByCode.set(p.code, baseSize + k));
  /** Base id → the operator id that replaced or superseded it. */
  const redirect = new Map<number, number>();
  const notes: string[] = [];

  if (base) {
    places.forEach((p, k) => {
      const at = baseIndexOf(base, p.code);
      if (at >= 0) redirect.set(at, baseSize + k);
    });
    // Superseding needs the parents settled first, so it runs after all same-code replacements.
    places.forEach((p, k) => {
      if (baseIndexOf(base, p.code) >= 0 || p.parent === undefined || p.level === 'estate') return;
      let parentBase = baseIndexOf(base, p.parent);
      if (parentBase < 0) {
        const parentOverlay = overlayIdByCode.get(p.parent);
        const superseded = [...redirect].find(([, to]) => to === parentOverlay)?.[0];
        if (superseded === undefined) return;
        parentBase = superseded;
      }
      const key = sameNameKey(p.name, p.level, fold);
      const levelIndex = baseLevels.indexOf(p.level);
      for (let i = parentBase + 1; i < baseSize && isBaseDescendant(base, i, parentBase); i++) {
        if (base.parents[i] !== parentBase || base.levels[i] !== levelIndex || redirect.has(i))
          continue;
        if (sameNameKey(baseName(base, i), p.level, fold) !== key) continue;
        redirect.set(i, baseSize + k);
        notes.push(`${p.code} ${p.name} supersedes base ${baseCode(base, i)} ${baseName(base, i)}`);
      }
    });
  }

  const overlayParent = places.map((p) => {
    if (p.parent === undefined) return -1;
    const own = overlayIdByCode.get(p.parent);
    if (own !== undefined) return own;
    const b = base ? baseIndexOf(base, p.parent) : -1;
    return b >= 0 ? (redirect.get(b) ?? b) : -1;
  });

  const keys = new Map<string, number[]>();
  const add = (text: string, posting: number) => {
    const key = foldText(text, fold);
    if (key.length === 0) return;
    const list = keys.get(key);
    if (list) list.push(posting);
    else keys.set(key, [posting]);
  };
  const classes = places.map((p, k) => {
    const id = baseSize + k;
    const forms = nameForms(p.name, p.level);
    if (!placeholderNames.has(p.name)) add(p.name, id * 2 + 1);
    for (const alias of p.aliases) add(alias, id * 2 + 1);
    if (forms.stem !== undefined) add(forms.stem, id * 2);
    return forms.cls;
  });
  const overlayTrie = buildNameTrie(keys);
  keys.clear();
  const formerClasses = former.map((f, k) => {
    const id = formerStart + k;
    const forms = nameForms(f.name, f.level);
    add(f.name, id * 2 + 1);
    if (forms.stem !== undefined) add(forms.stem, id * 2);
    return forms.cls;
  });
  const formerTrie = buildNameTrie(keys);

  // A flag per base place, so the hot path (parent of a base place) rarely touches the Map.
  const redirected = new Uint8Array(baseSize);
  for (const from of redirect.keys()) redirected[from] = 1;
  const toId = (baseId: number) =>
    baseId < 0 ? -1 : redirected[baseId] === 1 ? (redirect.get(baseId) as number) : baseId;
  const isOverlay = (id: number) => id >= baseSize && id < formerStart;
  const isFormer = (id: number) => id >= formerStart;
  const overlayPlace = (id: number) => places[id - baseSize] as Place;
  const formerPlace = (id: number) => former[id - formerStart] as FormerPlace;
  // Codes asked for again and again (a triage list's candidates, their covering stations) are
  // looked up once: the base lookup checks, pads and binary-searches the code every time.
  const baseIdByCode = new Map<string, number>();
  const baseIdOf = (code: string) => {
    let id = baseIdByCode.get(code);
    if (id === undefined) {
      id = base ? toId(baseIndexOf(base, code)) : -1;
      if (baseIdByCode.size >= CODE_CACHE_LIMIT) baseIdByCode.clear();
      baseIdByCode.set(code, id);
    }
    return id;
  };
  const idOfCode = (code: string) => overlayIdByCode.get(code) ?? baseIdOf(code);

  const parentIds = new Int32Array(size);
  for (let i = 0; i < baseSize; i++)
    parentIds[i] = toId((base as BaseGazetteer).parents[i] as number);
  overlayParent.forEach((p, k) => {
    parentIds[baseSize + k] = p;
  });
  const formerTargets = new Int32Array(former.length);
  former.forEach((f, k) => {
    parentIds[formerStart + k] = f.parent.startsWith('former:')
      ? formerStart + Number(f.parent.slice('former:'.length))
      : idOfCode(f.parent);
    formerTargets[k] = idOfCode(f.to);
  });
  const ancestorIds = ancestorsOf(parentIds);
  const tries = [
    ...(base ? [base.trie] : []),
    overlayTrie,
    ...(former.length > 0 ? [formerTrie] : []),
  ];
  const classOf = (id: number) =>
    isFormer(id)
      ? (formerClasses[id - formerStart] as number)
      : isOverlay(id)
        ? (classes[id - baseSize] as number)
        : ((base as BaseGazetteer).classes[id] as number);
  const nameOf = (id: number) =>
    isFormer(id)
      ? formerPlace(id).name
      : isOverlay(id)
        ? overlayPlace(id).name
        : baseName(base as BaseGazetteer, id);
  const levelOf = (id: number): PlaceLevel =>
    isFormer(id)
      ? formerPlace(id).level
      : isOverlay(id)
        ? overlayPlace(id).level
        : (baseLevels[(base as BaseGazetteer).levels[id] as number] as PlaceLevel);
  // Base codes as strings, made when first asked for: a triage list asks for the same few again and again.
  const baseCodes = new Array<string | undefined>(baseSize);
  const index: GazetteerIndex = {
    size,
    baseSize,
    base,
    fold,
    tries,
    nodeMasks: tries.map((t) => nodeMasksOf(t, classOf)),
    rootChildren: tries.map(rootChildrenOf),
    childTables: tries.map(wideChildTable),
    notes,
    keyCache: new Map(),
    spanCache: new Map(),
    scratch: { stamp: new Uint8Array(size), marks: new Uint32Array(3 * size), generation: 0 },
    idOf: idOfCode,
    // A former place answers with today's code: whatever shows it leads to the place it became.
    code: (id) =>
      isFormer(id)
        ? formerPlace(id).to
        : isOverlay(id)
          ? overlayPlace(id).code
          : (baseCodes[id] ??= baseCode(base as BaseGazetteer, id)),
    name: nameOf,
    level: levelOf,
    suffixClass: (id) => classOf(id) as SuffixClass,
    parent: (id) => parentIds[id] ?? -1,
    parentIds,
    ancestorIds,
    live: (id) => isOverlay(id) || isFormer(id) || redirected[id] !== 1,
    formerTarget: (id) => (isFormer(id) ? (formerTargets[id - formerStart] as number) : -1),
    formerEdition: (id) => (isFormer(id) ? formerPlace(id).edition : undefined),
    place: (id) => {
      if (isOverlay(id)) return overlayPlace(id);
      const parent = index.parent(id);
      return {
        code: index.code(id),
        level: index.level(id),
        name: index.name(id),
        aliases: [],
        ...(parent >= 0 ? { parent: index.code(parent) } : {}),
      };
    },
  };
  return index;
}

export const FULL_NAME_BIT = 1 << 31;

/** Ancestors stored per place in ancestorIds: community → street, district, city, province. */
export const ANCESTOR_SLOTS = 4;

function ancestorsOf(parentIds: Int32Array): Int32Array {
  const out = new Int32Array(parentIds.length * ANCESTOR_SLOTS).fill(-1);
  for (let id = 0; id < parentIds.length; id++) {
    let cur = parentIds[id] as number;
    for (let j = 0; j < ANCESTOR_SLOTS && cur >= 0; j++, cur = parentIds[cur] as number)
      out[id * ANCESTOR_SLOTS + j] = cur;
  }
  return out;
}

function rootChildrenOf(trie: NameTrie): Uint32Array {
  const table = new Uint32Array(0x10000);
  for (let c = trie.childStart[0] as number; c < (trie.childStart[1] as number); c++)
    table[trie.labels[c] as number] = c;
  return table;
}

function nodeMasksOf(trie: NameTrie, classOf: (id: number) => number): Uint32Array {
  const nodes = trie.labels.length;
  const masks = new Uint32Array(nodes);
  for (let node = 0; node < nodes; node++) {
    let m = 0;
    for (
      let p = trie.postStart[node] as number, end = trie.postStart[node + 1] as number;
      p < end;
      p++
    ) {
      const posting = trie.postings[p] as number;
      m |= (posting & 1) === 1 ? FULL_NAME_BIT : 1 << classOf(posting >>> 1);
    }
    masks[node] = m;
  }
  return masks;
}

/** Base ids are sorted by padded code, so a place's descendants are the ids right after it. */
function isBaseDescendant(base: BaseGazetteer, i: number, ancestor: number): boolean {
  const level = baseLevels[base.levels[ancestor] as number] as PlaceLevel;
  const span = { province: 1e10, city: 1e8, district: 1e6, street: 1e3, community: 1, estate: 1 }[
    level
  ];
  return (base.codes[i] as number) < (base.codes[ancestor] as number) + span;
}
