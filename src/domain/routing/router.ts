// Routing: which grid station acts on an order. Division code first, then the address text (read
// into levels against the gazetteer, see ../places/resolve-address.ts), then topic rules. Anything
// that matches two places or none goes to triage with its candidates: a wrong station costs a 退单
// and a day.
import type { OrderSubmission } from '../../../contracts/order.js';
import type { Place } from '../../../contracts/places.js';
import type {
  MatchedLevel,
  PlaceRef,
  RouteCandidate,
  RouteDecision,
} from '../../../contracts/routing.js';
import { isWithin, lineageIds } from '../places/gazetteer-index.js';
import { resolveAddressText, type AddressResolution } from '../places/resolve-address.js';
import type { PlaceIndex } from './place-index.js';

export interface RouteOptions {
  /** Stations that returned the order as 属地不符: a re-route must not land there again. */
  excludeStations?: readonly string[];
  /** Division code of the source's home region; defaults to the index's region for `order.source`. */
  homeRegion?: string;
}

type Routable = Pick<OrderSubmission, 'location' | 'topic'> &
  Partial<Pick<OrderSubmission, 'title' | 'content' | 'extra'>> & { source?: string };

/** Triage lists stay readable: a name shared by 800 communities lists the first of them. */
export const MAX_CANDIDATES = 20;

const ref = (p: Place): PlaceRef => ({ code: p.code, name: p.name, level: p.level });

export function routeOrder(
  index: PlaceIndex,
  order: Routable,
  options: RouteOptions = {},
): RouteDecision {
  const excluded = new Set(options.excludeStations ?? []);
  const notes: string[] = [];

  const code = order.location.divisionCode;
  if (code !== undefined) {
    const place = index.place(code);
    const station = place ? index.coveringStation(place.code, excluded) : undefined;
    if (place && station) {
      return {
        outcome: 'routed',
        rule: 'division_code',
        stationId: station.id,
        place: ref(place),
        matchedCode: place.code,
        candidates: [],
        reason: `division code ${code} (${place.name}) is covered by ${station.name}`,
      };
    }
    notes.push(
      place
        ? `division code ${code} has no eligible station`
        : `division code ${code} is not in the gazetteer`,
    );
  }

  const g = index.gazetteer;
  const regionCode =
    options.homeRegion ??
    (order.source === undefined ? undefined : index.homeRegionOf(order.source));
  const regionId = regionCode === undefined ? -1 : g.idOf(regionCode);
  const source = addressText(order);
  const r = resolveAddressText(g, source.text, regionId >= 0 ? { homeRegion: regionId } : {});
  const fromWhere = source.fromText ? ' (no place fields: read from the title and content)' : '';
  const levels = levelsOf(index, r);

  if (r.problem === 'conflict') {
    return {
      outcome: 'triage',
      ...listed(triageList(index, r, regionId)),
      levels,
      reason: `address names places that do not belong together (${r.spans.map((s) => s.text).join(', ')}): ${r.unexplained.map((s) => s.text).join(', ')} does not fit ${lineageText(index, r.best[0] as number)}`,
    };
  }
  if (r.problem === 'ambiguous' || r.problem === 'weak') {
    const list = triageList(index, r, regionId);
    const why =
      r.problem === 'weak'
        ? `only a bare name (${r.spans.map((s) => s.text).join(', ')}) matched, too little to route on`
        : `address matches ${r.best.length} places equally well${regionCode === undefined ? '' : ` (home region ${regionCode} does not single one out)`}`;
    const away =
      list.elsewhere && list.candidates.length === 0
        ? `; nothing of that name in the home region ${regionCode ?? ''}, ${list.elsewhere} places elsewhere share it (not listed)`
        : list.elsewhere
          ? `; ${list.elsewhere} places outside the home region not listed`
          : '';
    return {
      outcome: 'triage',
      ...listed(list),
      levels,
      reason: `${why}${list.candidates.length > 0 ? ': ' : ''}${list.candidates.map((c) => lineageText(index, g.idOf(c.code))).join('; ')}${list.candidatesOmitted ? ` and ${list.candidatesOmitted} more` : ''}${away}`,
    };
  }

  let locatedIn: string | undefined;
  if (r.decided) {
    const place = g.place(r.decided.id);
    locatedIn = place.code;
    const station = index.coveringStation(place.code, excluded);
    const how =
      r.decided.basis === 'home_region'
        ? `, chosen over places of the same name because it lies in the source's home region ${regionCode ?? ''}`
        : '';
    if (station) {
      return {
        outcome: 'routed',
        rule: 'address',
        stationId: station.id,
        place: ref(place),
        matchedCode: place.code,
        levels,
        basis: r.decided.basis,
        candidates: [],
        reason: `address matched ${lineageText(index, r.decided.id)}${how}${fromWhere}${formerNote(index, r)}, covered by ${station.name}`,
      };
    }
    // The text named a district for sure but not which of its places (劲松街道 or a 南路社区): with
    // no station for the district, the dispatcher chooses among those places.
    if (r.decided.within) {
      const list = triageList(index, { ...r, best: r.decided.within });
      return {
        outcome: 'triage',
        ...listed(list),
        levels,
        matchedCode: place.code,
        reason: `address lies in ${lineageText(index, r.decided.id)}${fromWhere}, which no eligible station covers as a whole; it fits ${r.decided.within.length} places there: ${list.candidates.map((c) => c.name).join('; ')}${list.candidatesOmitted ? ` and ${list.candidatesOmitted} more` : ''}`,
      };
    }
    notes.push(
      `address matched ${place.name}${how}${fromWhere}${formerNote(index, r)} but no eligible station covers it`,
    );
  } else {
    notes.push('address matched no known place');
  }

  locatedIn ??= code !== undefined && index.place(code) ? code : undefined;
  for (const rule of index.topicRules) {
    if (!startsWithPath(order.topic, rule.topicPrefix)) continue;
    if (
      rule.withinCode !== undefined &&
      (locatedIn === undefined || !index.lineage(locatedIn).some((p) => p.code === rule.withinCode))
    )
      continue;
    const station = index.station(rule.stationId);
    if (!station || excluded.has(station.id)) continue;
    return {
      outcome: 'routed',
      rule: 'topic',
      stationId: station.id,
      ...(locatedIn ? { matchedCode: locatedIn } : {}),
      ...(r.decided ? { levels } : {}),
      candidates: [],
      reason: `topic ${rule.topicPrefix.join(' > ')} goes to ${station.name}; ${notes.join('; ')}`,
    };
  }

  return {
    outcome: 'triage',
    candidates: [],
    ...(r.decided ? { levels, matchedCode: locatedIn } : {}),
    reason: notes.join('; ') || 'nothing to route by',
  };
}

/** The candidate fields of a decision (the count of places left out is for the reason only). */
const listed = ({ elsewhere: _, ...list }: ReturnType<typeof triageList>) => list;

function triageList(
  index: PlaceIndex,
  r: AddressResolution,
  regionId = -1,
): { candidates: RouteCandidate[]; candidatesOmitted?: number; elsewhere?: number } {
  const g = index.gazetteer;
  let ids = r.best;
  let elsewhere = 0;
  // With a home region, places outside it are listed only when nothing inside fits, and never for a
  // bare name alone: a Beijing platform's 人民路12号 is not about 20 provinces' 人民路.
  if (regionId >= 0) {
    const inside = ids.filter((id) => isWithin(g, id, regionId));
    if (inside.length > 0 || r.problem === 'weak') {
      elsewhere = ids.length - inside.length;
      ids = inside;
    }
  }
  const spanBits = spanBitsOf(r);
  // Most of the text explained first: the characters of the names on each candidate's line.
  const explainedChars = (id: number) => {
    let mask = 0;
    for (const x of lineageIds(g, id)) mask |= spanBits.get(x) ?? 0;
    return r.spans.reduce((n, s, k) => (((mask >>> k) & 1) === 1 ? n + s.text.length : n), 0);
  };
  const ranked =
    ids.length > 1 && ids.length <= 200
      ? ids
          .map((id, order) => ({ id, order, chars: explainedChars(id) }))
          .sort((a, b) => b.chars - a.chars || a.order - b.order)
          .map((x) => x.id)
      : ids;
  const shown = ranked.slice(0, MAX_CANDIDATES);
  const candidates = shown.map((id) => candidate(index, id, r, spanBits));
  return {
    candidates,
    ...(ranked.length > shown.length ? { candidatesOmitted: ranked.length - shown.length } : {}),
    ...(elsewhere > 0 ? { elsewhere } : {}),
  };
}

/** Place id → bit mask of the spans (the first 31) that may name it. */
function spanBitsOf(r: AddressResolution): Map<number, number> {
  const bits = new Map<number, number>();
  r.spans.forEach((s, k) => {
    if (k > 30) return;
    for (const id of s.ids) bits.set(id, (bits.get(id) ?? 0) | (1 << k));
  });
  return bits;
}

function candidate(
  index: PlaceIndex,
  id: number,
  r: AddressResolution,
  spanBits: ReadonlyMap<number, number>,
): RouteCandidate {
  const p = index.gazetteer.place(id);
  const station = index.coveringStation(p.code);
  // The span that names the place itself, else the first that names a place on its line.
  let mask = spanBits.get(id) ?? 0;
  if (mask === 0) for (const x of lineageIds(index.gazetteer, id)) mask |= spanBits.get(x) ?? 0;
  const own = mask === 0 ? undefined : r.spans[31 - Math.clz32(mask & -mask)];
  return {
    ...ref(p),
    ...(station ? { stationId: station.id } : {}),
    ...(own ? { matchedText: own.text } : {}),
  };
}

/** What the text said at each level, as read for the winner (or the first of the equally good). */
function levelsOf(index: PlaceIndex, r: AddressResolution): MatchedLevel[] {
  const g = index.gazetteer;
  // explained follows the text, and the text is read top-down; order by depth all the same.
  const named: MatchedLevel[] = r.explained
    .map((e) => ({ e, depth: lineageIds(g, e.id).length }))
    .sort((a, b) => a.depth - b.depth)
    .map(({ e: { span, id } }) => ({
      level: g.level(id),
      text: span.text,
      code: g.code(id),
      name: g.name(id),
    }));
  const d = r.details;
  return [
    ...named,
    ...(d.building ? [{ level: 'building' as const, text: d.building }] : []),
    ...(d.unit ? [{ level: 'unit' as const, text: d.unit }] : []),
    ...(d.room ? [{ level: 'room' as const, text: d.room }] : []),
  ];
}

/** Vendor fields kept in extra whose name says they hold a place (事发位置, 问题所在地 …). */
const addressLikeField = /地址|地点|位置|所在地|address|location/iu;

/**
 * What to read the place from: the structured place fields when there are any; otherwise the title,
 * the content and any address-like vendor field (real exports often say where only in 主要内容).
 */
export function addressText(order: Routable): { text: string; fromText: boolean } {
  const { district, street, community, address } = order.location;
  const fields = [district, street, community, address].filter(Boolean).join(' ');
  if (fields.trim() !== '') return { text: fields, fromText: false };
  const vendor = Object.entries(order.extra ?? {})
    .filter(([k, v]) => addressLikeField.test(k) && typeof v === 'string')
    .map(([, v]) => v as string);
  return {
    text: [...vendor, order.title ?? '', order.content ?? ''].filter(Boolean).join(' '),
    fromText: true,
  };
}

/** Says so when the text used a name from an older edition of the codes. */
function formerNote(index: PlaceIndex, r: AddressResolution): string {
  const id = r.decided?.former;
  if (id === undefined) return '';
  const g = index.gazetteer;
  return ` (the text uses the former name ${lineageText(index, id)}, ${g.formerEdition(id) ?? 'an older edition'} of the division codes; today it is ${lineageText(index, r.decided?.id ?? id)})`;
}

function lineageText(index: PlaceIndex, id: number): string {
  const g = index.gazetteer;
  return lineageIds(g, id)
    .reverse()
    .map((x) => g.name(x))
    .filter((n) => !n.endsWith('市辖区'))
    .join('');
}

function startsWithPath(topic: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((level, i) => topic[i] === level);
}

interface AddressMatchSummary {
  best: Place[];
  /** True when a name in the text fits none of the best places: the text mixes places, so nobody guesses. */
  conflict: boolean;
  spans: string[];
  /** Code → the words that matched it. */
  matchedText: Map<string, string>;
}

/** The address reading without routing: the best places, whether the text conflicts, what matched what. */
export function resolveAddress(
  index: PlaceIndex,
  text: string,
  options: { homeRegion?: string } = {},
): AddressMatchSummary {
  const g = index.gazetteer;
  const regionId = options.homeRegion === undefined ? -1 : g.idOf(options.homeRegion);
  const r = resolveAddressText(g, text, regionId >= 0 ? { homeRegion: regionId } : {});
  const matchedText = new Map<string, string>();
  for (const id of r.best) {
    const line = new Set(lineageIds(g, id));
    for (const s of r.spans)
      for (const x of s.ids) if (line.has(x)) matchedText.set(g.code(x), s.text);
  }
  return {
    best: r.best.map((id) => g.place(id)),
    conflict: r.problem === 'conflict',
    spans: r.spans.map((s) => s.text),
    matchedText,
  };
}
