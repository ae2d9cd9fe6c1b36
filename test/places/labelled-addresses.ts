// A labelled set of addresses generated from the national base, with the noise real hotline text has:
// levels left out, suffix variants (社区/居委会/社区居委会, 街道/街道办事处, 镇↔乡), bare stems,
// traditional characters, spaces, words around the address, and names shared between places.
// Deterministic (seeded). Each address is labelled by an oracle that reads the dataset directly:
// the place it must route to, or "ambiguous" when the words in it fit more than one place.
import * as OpenCC from 'opencc-js';

/** The one entry point used, typed here so the converter's own declarations need not resolve. */
const makeConverter = (
  OpenCC as unknown as { Converter: (o: { from: string; to: string }) => (s: string) => string }
).Converter;
import {
  baseCode,
  baseLevels,
  baseName,
  type BaseGazetteer,
} from '../../src/domain/places/base-gazetteer.js';
import {
  acceptedSuffixes,
  nameForms,
  ownSuffixes,
  placeholderNames,
  type SuffixClass,
} from '../../src/domain/places/name-forms.js';

export interface LabelledAddress {
  text: string;
  /** Division code of the source's home region, when the source declares one. */
  homeRegion?: string;
  /** The code it must resolve to, or 'ambiguous' when the written levels fit several places. */
  expected: string;
  /** The true place (for ambiguous ones: must be among the candidates). */
  truth: string;
  /** What was done to it, for reading failures. */
  noise: string[];
}

/** mulberry32: small, fast, and the same sequence on every machine. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const before = ['', '', '', '市民来电反映：', '来电人家住', '地址：', '位于', '反映', '诉求人称，'];
// Words glued after a bare name can make another real name (南湖 + 小区 is 南湖小区社区): the phrases
// that could are set off by punctuation, so the label stays true.
const after = [
  '',
  '3号楼2单元401室',
  '，小区北门附近',
  '，楼下餐馆油烟扰民',
  '，路灯不亮已有一周',
  '12号院',
  '附近垃圾清运不及时',
  '，东侧路口',
  '（靠近菜市场）',
  '，小区内下水道堵塞',
  ' 5栋303房',
];

type Level = 'province' | 'city' | 'district' | 'street' | 'community';
interface Written {
  level: Level;
  id: number;
  text: string;
  bare: boolean;
}

export interface Oracle {
  /** Places at a level that the written words can name (official name, stem + accepted suffix, or bare stem). */
  matches(level: Level, written: string, bare: boolean): number[];
  /** Whether the words are the place's own name or its stem with its own level word (朝阳县 is a 县, not 朝阳区). */
  own(id: number, written: string): boolean;
}

/** The oracle's own lookup: stem or full name → places, built straight from the columns. */
export function buildOracle(base: BaseGazetteer): Oracle {
  const byKey = new Map<string, number[]>();
  const push = (k: string, id: number) => {
    const l = byKey.get(k);
    if (l) l.push(id);
    else byKey.set(k, [id]);
  };
  const n = base.codes.length;
  const stems: (string | undefined)[] = new Array<string | undefined>(n);
  for (let i = 0; i < n; i++) {
    const level = baseLevels[base.levels[i] as number] as Level;
    const name = baseName(base, i);
    if (placeholderNames.has(name)) continue;
    const stem = nameForms(name, level).stem;
    stems[i] = stem;
    push(name, i);
    if (stem !== undefined && stem !== name) push(stem, i);
  }
  return {
    matches(level, written, bare) {
      const out = new Set<number>();
      const levelIndex = baseLevels.indexOf(level);
      const consider = (id: number) => {
        if (base.levels[id] !== levelIndex) return;
        const name = baseName(base, id);
        const stem = stems[id];
        if (name === written) out.add(id);
        else if (stem !== undefined && bare && stem === written) out.add(id);
        else if (
          stem !== undefined &&
          !bare &&
          written.startsWith(stem) &&
          acceptedSuffixes(base.classes[id] as SuffixClass).includes(written.slice(stem.length))
        )
          out.add(id);
      };
      for (const id of byKey.get(written) ?? []) consider(id);
      // A suffixed form: try every split into a stem that is a key and a suffix.
      if (!bare)
        for (let cut = written.length - 1; cut >= 2; cut--)
          for (const id of byKey.get(written.slice(0, cut)) ?? []) consider(id);
      return [...out];
    },
    own(id, written) {
      const stem = stems[id];
      return (
        baseName(base, id) === written ||
        (stem !== undefined &&
          written.startsWith(stem) &&
          ownSuffixes(base.classes[id] as SuffixClass).includes(written.slice(stem.length)))
      );
    },
  };
}

function lineage(base: BaseGazetteer, id: number): number[] {
  const out: number[] = [];
  for (let cur = id; cur >= 0; cur = base.parents[cur] as number) out.push(cur);
  return out;
}

export function generateLabelledAddresses(
  base: BaseGazetteer,
  oracle: Oracle,
  count: number,
  seed = 12345,
): LabelledAddress[] {
  const random = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const toTraditional = makeConverter({ from: 'cn', to: 'tw' });
  const communityLevel = baseLevels.indexOf('community');
  const n = base.codes.length;
  const out: LabelledAddress[] = [];

  while (out.length < count) {
    const leaf = Math.floor(random() * n);
    // 虚拟社区 are statistical placeholders (codes 498/499), not places anyone writes as an address.
    if (base.levels[leaf] !== communityLevel || baseName(base, leaf).includes('虚拟')) continue;
    const chain = lineage(base, leaf).reverse();
    const noise: string[] = [];
    // Street-only orders (no community named) are common: then the street is the answer.
    const stopAtStreet = random() < 0.1;
    if (stopAtStreet) noise.push('no community');
    const keep: Record<Level, number> = {
      province: 0.35,
      city: 0.45,
      district: 0.7,
      street: 0.65,
      community: 1,
    };
    const written: Written[] = [];
    for (const id of chain) {
      const level = baseLevels[base.levels[id] as number] as Level;
      if (stopAtStreet && level === 'community') continue;
      const name = baseName(base, id);
      if (placeholderNames.has(name)) continue;
      const isDeepest = level === (stopAtStreet ? 'street' : 'community');
      if (!isDeepest && random() >= keep[level]) {
        noise.push(`dropped ${level}`);
        continue;
      }
      const forms = nameForms(name, level);
      // Provinces and cities are written with their own word (no one writes 山东市); lower levels
      // also with a neighbour's (青秀县 for 青秀区, 乡 for 镇).
      const suffixes =
        level === 'province' || level === 'city'
          ? ownSuffixes(forms.cls)
          : acceptedSuffixes(forms.cls);
      let text = name;
      let bare = false;
      const r = random();
      if (forms.stem !== undefined && r < 0.15) {
        text = forms.stem;
        bare = true;
        noise.push(`bare ${level}`);
      } else if (forms.stem !== undefined && r < 0.55 && suffixes.length > 0) {
        text = forms.stem + pick(suffixes);
        if (text !== name) noise.push(`variant ${level}`);
      }
      written.push({ level, id, text, bare });
    }
    if (written.length === 0) continue;

    // Label: read the words as the oracle's own chains. Each written part names a different place,
    // top-down, along one line; a part may name a place at any level (潘渡 is 潘渡乡 or 潘渡村 in it).
    const levels: Level[] = ['province', 'city', 'district', 'street', 'community'];
    const anyLevel = (w: Written) => levels.flatMap((l) => oracle.matches(l, w.text, w.bare));
    const deepest = written[written.length - 1] as Written;
    const readsAs = (c: number): boolean => {
      const line = lineage(base, c);
      let above = 0; // index in `line` the next (higher) part must be above
      for (let k = written.length - 2; k >= 0; k--) {
        const w = written[k] as Written;
        const at = line.findIndex(
          (x, idx) =>
            idx > above &&
            oracle.matches(levels[base.levels[x] as number] as Level, w.text, w.bare).includes(x),
        );
        if (at < 0) return false;
        above = at;
      }
      return true;
    };
    const readings = anyLevel(deepest).filter(readsAs);
    if (!readings.includes(deepest.id))
      throw new Error(`oracle lost the truth for ${written.map((w) => w.text).join('')}`);
    // Readings one inside another agree on the outer place: that much is certain, and no more.
    const outer = readings.filter(
      (c) => !readings.some((o) => o !== c && lineage(base, c).includes(o)),
    );
    const candidates = outer;
    // Of several, those written with their own level words at more levels are the natural reading.
    const ownCount = (c: number) => {
      const line = lineage(base, c);
      return written.filter((w) => line.some((x) => oracle.own(x, w.text))).length;
    };
    const mostOwn = Math.max(...candidates.map(ownCount));
    const natural = candidates.filter((c) => ownCount(c) === mostOwn);
    const truthId = outer.includes(deepest.id)
      ? deepest.id
      : (outer.find((o) => lineage(base, deepest.id).includes(o)) as number);
    if (!natural.includes(truthId)) continue; // the words read more naturally as another place: not a fair question
    const truthCode = baseCode(base, truthId);

    let homeRegion: string | undefined;
    const regionRoll = random();
    if (regionRoll < 0.5) {
      const city = chain[1] as number;
      homeRegion = baseCode(
        base,
        placeholderNames.has(baseName(base, city)) ? (chain[0] as number) : city,
      );
      noise.push('home region');
    } else if (regionRoll < 0.6) {
      homeRegion = pick(['110000', '310000', '440100', '510100', '430100']);
      noise.push('other home region');
    }
    let expected = truthCode;
    if (natural.length > 1) {
      const inRegion =
        homeRegion === undefined
          ? []
          : natural.filter((c) => lineage(base, c).some((x) => baseCode(base, x) === homeRegion));
      expected = inRegion.length === 1 ? baseCode(base, inRegion[0] as number) : 'ambiguous';
    }

    const sep = random() < 0.2 ? ' ' : '';
    if (sep) noise.push('spaces');
    let text = pick(before) + written.map((w) => w.text).join(sep) + pick(after);
    if (random() < 0.15) {
      text = toTraditional(text);
      noise.push('traditional');
    }
    out.push({ text, ...(homeRegion ? { homeRegion } : {}), expected, truth: truthCode, noise });
  }
  return out;
}
