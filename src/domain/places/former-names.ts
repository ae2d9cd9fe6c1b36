// The former-name table (issue 18.5): districts and streets that older editions of the NBS codes
// list and today's edition no longer has under that name and parent (余杭区乔司街道 is 临平区乔司街道
// since 2021; 郫县 is 郫都区; 江干区 was split and merged). Each former place keeps its old name and
// its old parent's line, and leads to today's place, found by name: a street by the same name in the
// same city (the province when the city itself is gone); a district by where most of its streets
// are today. A name that leads nowhere unique is left out: a former name must never guess.
import type { BaseGazetteer } from './base-gazetteer.js';
import { baseCode, baseLevels, baseName } from './base-gazetteer.js';
import { acceptedSuffixes, nameForms, placeholderNames, type SuffixClass } from './name-forms.js';

export interface FormerPlace {
  name: string;
  level: 'district' | 'street';
  /** Today's code of the parent, or `former:<index>` for a former district in this table. */
  parent: string;
  /** Today's code of the place it became. */
  to: string;
  /** Which edition used the name, e.g. "NBS 2015". */
  edition: string;
}

export interface FormerEditionRows {
  label: string;
  districts: readonly { code: string; name: string }[];
  streets: readonly { code: string; name: string }[];
}

const stemOf = (name: string, level: 'district' | 'street') => nameForms(name, level).stem ?? name;

export function deriveFormerPlaces(
  base: BaseGazetteer,
  editions: readonly FormerEditionRows[],
): FormerPlace[] {
  const districtLevel = baseLevels.indexOf('district');
  const streetLevel = baseLevels.indexOf('street');
  const cityLevel = baseLevels.indexOf('city');
  const provinceLevel = baseLevels.indexOf('province');
  /** Today's districts by code, and by city → stem; streets by city and by province → stem. */
  const districtName = new Map<string, string>();
  const districtByStem = new Map<string, { code: string; cls: SuffixClass }>();
  const streetsByCity = new Map<string, Map<string, string[]>>();
  const streetsByProvince = new Map<string, Map<string, string[]>>();
  const streetsByDistrict = new Map<string, Map<string, string[]>>();
  const existing = new Set<string>();
  const push = (m: Map<string, Map<string, string[]>>, key: string, stem: string, code: string) => {
    const inner = m.get(key) ?? new Map<string, string[]>();
    m.set(key, inner);
    inner.set(stem, [...(inner.get(stem) ?? []), code]);
  };
  for (let i = 0; i < base.codes.length; i++) {
    const level = base.levels[i];
    if (level === cityLevel || level === provinceLevel) existing.add(baseCode(base, i));
    if (level === districtLevel) {
      const code = baseCode(base, i);
      existing.add(code);
      districtName.set(code, baseName(base, i));
      districtByStem.set(`${code.slice(0, 4)}:${stemOf(baseName(base, i), 'district')}`, {
        code,
        cls: base.classes[i] as SuffixClass,
      });
    } else if (level === streetLevel) {
      const code = baseCode(base, i);
      const stem = stemOf(baseName(base, i), 'street');
      push(streetsByCity, code.slice(0, 4), stem, code);
      push(streetsByProvince, code.slice(0, 2), stem, code);
      push(streetsByDistrict, code.slice(0, 6), stem, code);
    }
  }
  /** Today's street of this name in the old street's city, or its province when the city is gone. */
  const todayStreet = (oldCode: string, name: string): string | undefined => {
    const stem = stemOf(name, 'street');
    const cityKnown = existing.has(`${oldCode.slice(0, 4)}00`);
    const found = cityKnown
      ? streetsByCity.get(oldCode.slice(0, 4))?.get(stem)
      : streetsByProvince.get(oldCode.slice(0, 2))?.get(stem);
    return found?.length === 1 ? found[0] : undefined;
  };
  const sameDistrict = (code: string, name: string) => {
    const today = districtName.get(code);
    return today !== undefined && stemOf(today, 'district') === stemOf(name, 'district');
  };

  const out: FormerPlace[] = [];
  const seen = new Set<string>();
  const formerDistrict = new Map<string, number>();
  for (const ed of editions) {
    const streetsOf = new Map<string, { code: string; name: string }[]>();
    for (const s of ed.streets)
      streetsOf.set(s.code.slice(0, 6), [...(streetsOf.get(s.code.slice(0, 6)) ?? []), s]);

    for (const d of ed.districts) {
      if (placeholderNames.has(d.name) || sameDistrict(d.code, d.name)) continue;
      // Same name still in the same city, written with a word today's place accepts (双流县 for
      // 双流区): the 县 ↔ 区 reading covers it already. 会理县 for 会理市 needs the table.
      const stem = stemOf(d.name, 'district');
      const sameStem = districtByStem.get(`${d.code.slice(0, 4)}:${stem}`);
      if (
        sameStem !== undefined &&
        acceptedSuffixes(sameStem.cls).includes(d.name.slice(stem.length))
      )
        continue;
      const votes = new Map<string, number>();
      let matched = 0;
      for (const s of streetsOf.get(d.code) ?? []) {
        const to = todayStreet(s.code, s.name);
        if (to === undefined) continue;
        matched++;
        votes.set(to.slice(0, 6), (votes.get(to.slice(0, 6)) ?? 0) + 1);
      }
      const [top] = [...votes].sort((a, b) => b[1] - a[1]);
      const to =
        top && top[1] * 2 > matched
          ? top[0]
          : (sameStem?.code ?? (districtName.has(d.code) ? d.code : undefined));
      if (to === undefined) continue;
      const city = `${d.code.slice(0, 4)}00`;
      const parent = existing.has(city) ? city : `${d.code.slice(0, 2)}0000`;
      const key = `${parent}:${d.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      formerDistrict.set(d.code, out.length);
      out.push({ name: d.name, level: 'district', parent, to, edition: ed.label });
    }

    for (const s of ed.streets) {
      const district = s.code.slice(0, 6);
      // Under a district that became another (会理县 → 会理市), the street is looked for there first.
      const formerParent = formerDistrict.get(district);
      const inTarget =
        formerParent === undefined
          ? undefined
          : streetsByDistrict
              .get((out[formerParent] as FormerPlace).to)
              ?.get(stemOf(s.name, 'street'));
      // A town that became a county-level city (苍南县龙港镇 → 龙港市) leads to the district.
      const to =
        (inTarget?.length === 1 ? inTarget[0] : undefined) ??
        todayStreet(s.code, s.name) ??
        districtByStem.get(`${s.code.slice(0, 4)}:${stemOf(s.name, 'street')}`)?.code;
      if (to === undefined) continue;
      const unchanged = sameDistrict(
        district,
        ed.districts.find((d) => d.code === district)?.name ?? '',
      );
      if (unchanged && to.slice(0, 6) === district) continue;
      const parent = unchanged
        ? district
        : formerParent !== undefined
          ? `former:${formerParent}`
          : undefined;
      if (parent === undefined) continue;
      const key = `${parent}:${s.name}`;
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: s.name, level: 'street', parent, to, edition: ed.label });
    }
  }
  return out;
}
