// Routing: which grid station acts on an order. Division code first, then the address text
// (longest, most specific match over names and aliases), then topic rules. Anything that matches
// two places or none goes to triage with its candidates: a wrong station costs a 退单 and a day.
import type { OrderSubmission } from '../../../contracts/order.js';
import type { Place } from '../../../contracts/places.js';
import type { PlaceRef, RouteCandidate, RouteDecision } from '../../../contracts/routing.js';
import { normalizeText } from '../text/normalize.js';
import type { PlaceIndex } from './place-index.js';

export interface RouteOptions {
  /** Stations that returned the order as 属地不符: a re-route must not land there again. */
  excludeStations?: readonly string[];
}

type Routable = Pick<OrderSubmission, 'location' | 'topic'>;

const ref = (p: Place): PlaceRef => ({ code: p.code, name: p.name, level: p.level });

export function routeOrder(index: PlaceIndex, order: Routable, options: RouteOptions = {}): RouteDecision {
  const excluded = new Set(options.excludeStations ?? []);
  const notes: string[] = [];

  const code = order.location.divisionCode;
  if (code !== undefined) {
    const place = index.place(code);
    const station = place ? index.coveringStation(place.code, excluded) : undefined;
    if (place && station) {
      return { outcome: 'routed', rule: 'division_code', stationId: station.id, place: ref(place), candidates: [], reason: `division code ${code} (${place.name}) is covered by ${station.name}` };
    }
    notes.push(place ? `division code ${code} has no eligible station` : `division code ${code} is not in the gazetteer`);
  }

  const byAddress = resolveAddress(index, addressText(order));
  if (byAddress.conflict) {
    return {
      outcome: 'triage',
      candidates: byAddress.best.map((p) => candidate(index, p, byAddress.matchedText.get(p.code))),
      reason: `address names places that do not belong together (${byAddress.spans.join(', ')}); closest: ${byAddress.best.map((p) => lineageText(index, p)).join('; ')}`,
    };
  }
  if (byAddress.best.length === 1) {
    const place = byAddress.best[0] as Place;
    const station = index.coveringStation(place.code, excluded);
    if (station) {
      return { outcome: 'routed', rule: 'address', stationId: station.id, place: ref(place), candidates: [], reason: `address matched ${lineageText(index, place)}, covered by ${station.name}` };
    }
    notes.push(`address matched ${place.name} but no eligible station covers it`);
  } else if (byAddress.best.length > 1) {
    return {
      outcome: 'triage',
      candidates: byAddress.best.map((p) => candidate(index, p, byAddress.matchedText.get(p.code))),
      reason: `address matches ${byAddress.best.length} places equally well: ${byAddress.best.map((p) => lineageText(index, p)).join('; ')}`,
    };
  } else {
    notes.push('address matched no known place');
  }

  const locatedIn = byAddress.best[0]?.code ?? (code !== undefined && index.place(code) ? code : undefined);
  for (const rule of index.topicRules) {
    if (!startsWithPath(order.topic, rule.topicPrefix)) continue;
    if (rule.withinCode !== undefined && (locatedIn === undefined || !index.lineage(locatedIn).some((p) => p.code === rule.withinCode))) continue;
    const station = index.station(rule.stationId);
    if (!station || excluded.has(station.id)) continue;
    return { outcome: 'routed', rule: 'topic', stationId: station.id, candidates: [], reason: `topic ${rule.topicPrefix.join(' > ')} goes to ${station.name}; ${notes.join('; ')}` };
  }

  return { outcome: 'triage', candidates: [], reason: notes.join('; ') || 'nothing to route by' };
}

function candidate(index: PlaceIndex, p: Place, matchedText?: string): RouteCandidate {
  const station = index.coveringStation(p.code);
  return { ...ref(p), ...(station ? { stationId: station.id } : {}), ...(matchedText ? { matchedText } : {}) };
}

function addressText(order: Routable): string {
  const { district, street, community, address } = order.location;
  return normalizeText([district, street, community, address].filter(Boolean).join(' '));
}

function lineageText(index: PlaceIndex, p: Place): string {
  return index.lineage(p.code).reverse().map((x) => x.name).join('');
}

function startsWithPath(topic: readonly string[], prefix: readonly string[]): boolean {
  return prefix.every((level, i) => topic[i] === level);
}

interface AddressResolution {
  best: Place[];
  /** True when no candidate agrees with every name found: the text mixes places, so nobody guesses. */
  conflict: boolean;
  spans: string[];
  matchedText: Map<string, string>;
}

/**
 * Finds every name in the text, keeps the longest non-overlapping spans, then picks the most
 * specific places that agree with the spans (朝阳区 + 东湖街道 can only be the 东湖街道 inside 朝阳区).
 * A place must agree with every span to be routed to; when none does, `conflict` says so.
 */
export function resolveAddress(index: PlaceIndex, text: string): AddressResolution {
  const taken: boolean[] = new Array<boolean>(text.length).fill(false);
  const spans: { text: string; places: Place[] }[] = [];
  for (const entry of index.names) {
    let from = 0;
    for (;;) {
      const at = text.indexOf(entry.text, from);
      if (at < 0) break;
      from = at + 1;
      const end = at + entry.text.length;
      if (taken.slice(at, end).some(Boolean)) continue;
      taken.fill(true, at, end);
      spans.push({ text: entry.text, places: entry.places });
    }
  }
  const matchedText = new Map<string, string>();
  const all = new Map<string, Place>();
  for (const s of spans) for (const p of s.places) { all.set(p.code, p); matchedText.set(p.code, s.text); }
  if (all.size === 0) return { best: [], conflict: false, spans: [], matchedText };

  const ancestorsOf = new Map([...all.values()].map((p) => [p.code, new Set(index.lineage(p.code).map((x) => x.code))]));
  // Deepest: matched places that are not an ancestor of another matched place.
  const deepest = [...all.values()].filter((p) => ![...all.values()].some((q) => q.code !== p.code && ancestorsOf.get(q.code)?.has(p.code)));
  const agreement = (p: Place): number => spans.filter((s) => s.places.some((q) => ancestorsOf.get(p.code)?.has(q.code))).length;
  const top = Math.max(...deepest.map(agreement));
  const best = deepest.filter((p) => agreement(p) === top);
  return { best, conflict: top < spans.length, spans: spans.map((s) => s.text), matchedText };
}
