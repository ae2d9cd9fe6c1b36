// The places a dispatcher can send an order to, as a person reads them: the full line of names, the
// words that matched, the covering station, whether it lies in the source's home region (listed
// first), and whether the order may go there at all (never to a station that returned it as 属地不符).
import type { RouteCandidate } from '../../../../contracts/routing.js';
import { isPlaceholderName } from '../../../domain/places/full-name.js';
import type { OrderView } from '../../../../contracts/views.js';
import { suggestionAfterReturn } from '../../../domain/lifecycle/review-return.js';
import type { PlaceIndex } from '../../../domain/routing/place-index.js';
import type { DispatchCandidate } from './schema.js';

function describe(c: RouteCandidate, view: OrderView, places: PlaceIndex): DispatchCandidate {
  const lineage = places.lineage(c.code);
  const home = places.homeRegionOf(view.order.source);
  const station =
    (c.stationId !== undefined ? places.station(c.stationId) : undefined) ??
    places.coveringStation(c.code);
  const pending = view.state === 'returned' ? view.returns.at(-1)?.stationId : undefined;
  const refused =
    station?.id === pending ||
    view.returns.some((r) => r.reason === 'wrong_area' && r.stationId === station?.id);
  return {
    code: c.code,
    name: c.name,
    level: c.level,
    // People write 北京市 › 东城区, not the code table's 北京市 › 北京市市辖区 › 东城区.
    line: lineage
      .map((p) => p.name)
      .filter((n) => !isPlaceholderName(n))
      .reverse(),
    ...(c.matchedText !== undefined ? { matchedText: c.matchedText } : {}),
    ...(station ? { stationId: station.id, stationName: station.name } : {}),
    inHomeRegion: home !== undefined && lineage.some((p) => p.code === home),
    eligible: station !== undefined && !refused,
  };
}

/**
 * A triage that read one place from the text but found no station for it (和平里路口积水 → 和平里街道)
 * lists no candidates; the dispatcher is still offered that place, and chooses its station by hand.
 */
function placeFound(route: OrderView['route'], places: PlaceIndex): RouteCandidate[] {
  if (route.outcome !== 'triage' || route.candidates.length > 0 || route.matchedCode === undefined)
    return [];
  const place = places.place(route.matchedCode);
  if (place === undefined) return [];
  const text = route.levels?.find((l) => l.code === place.code)?.text;
  return [
    {
      code: place.code,
      name: place.name,
      level: place.level,
      ...(text !== undefined ? { matchedText: text } : {}),
    },
  ];
}

/** Candidates of the order's route (for a return under review: the router's suggestion now). */
export function candidatesFor(view: OrderView, places: PlaceIndex): DispatchCandidate[] {
  const route = view.state === 'returned' ? suggestionAfterReturn(view, places) : view.route;
  const seen = new Set<string>();
  const out: DispatchCandidate[] = [];
  for (const c of [...route.candidates, ...placeFound(route, places)]) {
    if (seen.has(c.code)) continue;
    seen.add(c.code);
    out.push(describe(c, view, places));
  }
  // Home region first; otherwise the router's order.
  return out
    .map((c, i) => ({ c, i }))
    .sort((a, b) => Number(b.c.inHomeRegion) - Number(a.c.inHomeRegion) || a.i - b.i)
    .map(({ c }) => c);
}
