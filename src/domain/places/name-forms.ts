// How place names are written: the official name is a stem plus a level suffix (垡头 + 街道, 华龙苑北里 +
// 社区居委会), and citizens write the stem with any of that level's suffixes, or the bare stem.
import type { PlaceLevel } from '../../../contracts/places.js';

/**
 * Suffix classes: the kind of suffix an official name ends in decides which written suffixes mean the
 * same place (a 镇 is often still called 乡 after an upgrade; a 居委会 is also written 社区).
 */
export const SuffixClass = {
  none: 0,
  province: 1,
  provinceShi: 2,
  autonomousRegion: 3,
  city: 4,
  cityDiqu: 5,
  cityMeng: 6,
  autonomousPrefecture: 7,
  districtQu: 8,
  districtXian: 9,
  districtShi: 10,
  districtQi: 11,
  street: 12,
  streetDiqu: 13,
  town: 14,
  township: 15,
  sumu: 16,
  community: 17,
  village: 18,
} as const;
export type SuffixClass = (typeof SuffixClass)[keyof typeof SuffixClass];

interface Suffixes {
  /** The class's own words: written with one of these, a stem means this kind of place. */
  own: readonly string[];
  /** Words used for it too, that are another class's own (a 区 that was a 县 until 2015). */
  also: readonly string[];
}

const accepted: Record<SuffixClass, Suffixes> = {
  [SuffixClass.none]: { own: [], also: [] },
  [SuffixClass.province]: { own: ['省'], also: [] },
  [SuffixClass.provinceShi]: { own: ['市'], also: [] },
  [SuffixClass.autonomousRegion]: {
    own: ['维吾尔自治区', '壮族自治区', '回族自治区', '自治区'],
    also: [],
  },
  [SuffixClass.city]: { own: ['市'], also: ['地区'] },
  [SuffixClass.cityDiqu]: { own: ['地区'], also: [] },
  [SuffixClass.cityMeng]: { own: ['盟'], also: [] },
  [SuffixClass.autonomousPrefecture]: { own: ['自治州', '州'], also: [] },
  // 区 and 县 stand for each other: many 县 became 区 and people keep the old word.
  [SuffixClass.districtQu]: { own: ['区'], also: ['县'] },
  [SuffixClass.districtXian]: { own: ['自治县', '县'], also: ['区'] },
  [SuffixClass.districtShi]: { own: ['市'], also: [] },
  [SuffixClass.districtQi]: { own: ['自治旗', '旗'], also: [] },
  // Towns became 街道 by the hundred (乔司镇 → 乔司街道, 犀浦镇 → 犀浦街道); people keep the old word.
  [SuffixClass.street]: {
    own: ['街道办事处', '街道办', '办事处', '街道', '街办'],
    also: ['镇', '乡'],
  },
  // Beijing's 地区 are 镇 as well: 沙河地区 is 沙河镇 on many documents.
  [SuffixClass.streetDiqu]: { own: ['地区办事处', '办事处', '地区'], also: ['街道', '镇'] },
  // A 乡 upgraded to 镇 keeps being called 乡 for years, and the other way round.
  [SuffixClass.town]: { own: ['镇人民政府', '镇政府', '镇'], also: ['乡'] },
  [SuffixClass.township]: { own: ['乡人民政府', '乡政府', '民族乡', '乡'], also: ['镇'] },
  [SuffixClass.sumu]: { own: ['苏木'], also: [] },
  [SuffixClass.community]: {
    own: ['社区居民委员会', '社区居委会', '居民委员会', '社区居委', '居委会', '社区'],
    also: [],
  },
  [SuffixClass.village]: { own: ['村民委员会', '村委会', '村委', '村'], also: [] },
};

const acceptedByClass = new Map(
  Object.entries(accepted).map(([cls, a]) => [Number(cls), [...a.own, ...a.also]]),
);

/** Written suffixes accepted after a stem of this class. */
export function acceptedSuffixes(cls: SuffixClass): readonly string[] {
  return acceptedByClass.get(cls) ?? [];
}

/** The class's own suffix words (without those it only borrows). */
export function ownSuffixes(cls: SuffixClass): readonly string[] {
  return accepted[cls].own;
}

/** Every suffix of every class, longest first: what the matcher looks for right after a stem. */
export const allSuffixes: readonly string[] = [
  ...new Set(Object.values(accepted).flatMap((a) => [...a.own, ...a.also])),
].sort((a, b) => b.length - a.length);

/** Bit mask of the classes that accept each suffix (bit = class number). */
export const classesAccepting: ReadonlyMap<string, number> = allSuffixes.reduce(
  (m, sfx) =>
    m.set(
      sfx,
      [...acceptedByClass].reduce(
        (mask, [cls, list]) => (list.includes(sfx) ? mask | (1 << cls) : mask),
        0,
      ),
    ),
  new Map<string, number>(),
);

/** Bit mask of the classes whose own words include each suffix. */
export const classesOwning: ReadonlyMap<string, number> = allSuffixes.reduce(
  (m, sfx) =>
    m.set(
      sfx,
      Object.entries(accepted).reduce(
        (mask, [cls, a]) => (a.own.includes(sfx) ? mask | (1 << Number(cls)) : mask),
        0,
      ),
    ),
  new Map<string, number>(),
);

/** allSuffixes grouped by first character, so the matcher tries only those that can follow. */
export const suffixesByFirstChar: ReadonlyMap<number, readonly string[]> = allSuffixes.reduce(
  (m, sfx) => {
    m.set(sfx.charCodeAt(0), [...(m.get(sfx.charCodeAt(0)) ?? []), sfx]);
    return m;
  },
  new Map<number, string[]>(),
);

// Ethnic names inside autonomous-area names (恩施土家族苗族自治州 → 恩施): single-character ones only with 族,
// so that a name ending in 水 or 白 is not cut.
const ethnic =
  '(?:(?:土家|朝鲜|布依|哈尼|景颇|傈僳|蒙古|仫佬|毛南|仡佬|纳西|拉祜|独龙|普米|布朗|德昂|阿昌|基诺|哈萨克|柯尔克孜|锡伯|塔吉克|裕固|东乡|保安|撒拉|达斡尔|鄂温克|鄂伦春|赫哲|门巴|珞巴|维吾尔|乌孜别克|俄罗斯|塔塔尔|高山)族?|(?:各|苗|侗|彝|傣|白|藏|回|壮|瑶|满|黎|羌|畲|水|佤|怒|京|土)族)';
const ethnicTail = new RegExp(`${ethnic}+$`, 'u');

interface Rule {
  level: PlaceLevel;
  suffix: RegExp;
  cls: SuffixClass;
}

// Order matters: the first rule whose suffix matches the official name decides stem and class.
const rules: readonly Rule[] = [
  { level: 'province', suffix: /(?:维吾尔|壮族|回族)?自治区$/u, cls: SuffixClass.autonomousRegion },
  { level: 'province', suffix: /省$/u, cls: SuffixClass.province },
  { level: 'province', suffix: /市$/u, cls: SuffixClass.provinceShi },
  { level: 'city', suffix: /自治州$/u, cls: SuffixClass.autonomousPrefecture },
  { level: 'city', suffix: /地区$/u, cls: SuffixClass.cityDiqu },
  { level: 'city', suffix: /盟$/u, cls: SuffixClass.cityMeng },
  { level: 'city', suffix: /市$/u, cls: SuffixClass.city },
  { level: 'district', suffix: /自治县$/u, cls: SuffixClass.districtXian },
  { level: 'district', suffix: /自治旗$|旗$/u, cls: SuffixClass.districtQi },
  { level: 'district', suffix: /区$/u, cls: SuffixClass.districtQu },
  { level: 'district', suffix: /县$/u, cls: SuffixClass.districtXian },
  { level: 'district', suffix: /市$/u, cls: SuffixClass.districtShi },
  { level: 'street', suffix: /街道办事处$|街道办$|街道$/u, cls: SuffixClass.street },
  { level: 'street', suffix: /地区办事处$|地区$/u, cls: SuffixClass.streetDiqu },
  { level: 'street', suffix: /镇$/u, cls: SuffixClass.town },
  { level: 'street', suffix: /民族乡$|乡$/u, cls: SuffixClass.township },
  { level: 'street', suffix: /苏木$/u, cls: SuffixClass.sumu },
  {
    level: 'community',
    suffix: /社区居民委员会$|社区居委会$|居民委员会$|居委会$|社区$/u,
    cls: SuffixClass.community,
  },
  { level: 'community', suffix: /村民委员会$|村委会$|村$/u, cls: SuffixClass.village },
];

export interface NameForms {
  /** The name without its level suffix, when that leaves at least two characters. */
  stem?: string;
  cls: SuffixClass;
}

/** Splits an official name into its stem and suffix class (华龙苑北里社区居委会 → 华龙苑北里, community). */
export function nameForms(name: string, level: PlaceLevel): NameForms {
  for (const rule of rules) {
    if (rule.level !== level) continue;
    const m = rule.suffix.exec(name);
    if (!m) continue;
    let stem = name.slice(0, m.index);
    // Autonomous areas carry their peoples' names before the suffix; the place is called by what is left.
    if (/自治|民族乡/u.test(m[0])) stem = stem.replace(ethnicTail, '');
    else if (level === 'street') stem = stem.replace(new RegExp(`${ethnic}$`, 'u'), '');
    // 张家庄村村民委员会: the village is 张家庄村, written 张家庄村 or 张家庄 as often as in full.
    if (
      rule.cls === SuffixClass.village &&
      m[0] !== '村' &&
      stem.length >= 3 &&
      stem.endsWith('村')
    )
      stem = stem.slice(0, -1);
    return stem.length >= 2 ? { stem, cls: rule.cls } : { cls: rule.cls };
  }
  return { cls: SuffixClass.none };
}

/** Names that say nothing about where a place is (the placeholder cities of the statistical tables). */
export const placeholderNames: ReadonlySet<string> = new Set([
  '市辖区',
  '县',
  '省直辖县级行政区划',
  '自治区直辖县级行政区划',
]);
