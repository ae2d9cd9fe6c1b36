// The division code an order is counted and scoped under: the code its station stands for (a grid
// station's community, a street station's street), else the place routing found, else the code the
// platform sent. One definition for rollups, auditor scopes and exports.
import type { OrderView } from '../../contracts/views.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';

export function stationCode(places: PlaceIndex, stationId: string): string | undefined {
  const covers = places.station(stationId)?.covers ?? [];
  return covers.length === 1 ? covers[0] : undefined;
}

export function orderPlaceCode(places: PlaceIndex, view: OrderView): string {
  const station = view.station?.id ?? view.slaFacts.holdings.at(-1)?.stationId;
  return (
    (station ? stationCode(places, station) : undefined) ??
    view.route.place?.code ??
    view.order.location.divisionCode ??
    ''
  );
}
