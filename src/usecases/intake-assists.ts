// 协办单位 named by the platform (cn-12345 exports): the units of the station directory among them
// are asked for their part at intake, as a dispatcher would, so the lead's 办结 waits for them too.
// Names that are not in the directory are only kept on the order (handling.assistUnits).
import type { NewEvent } from '../../contracts/events.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';

export function intakeAssists(
  places: PlaceIndex,
  order: Pick<CanonicalOrder, 'id' | 'handling'>,
  leadStationId: string | undefined,
  at: string,
): NewEvent[] {
  const names = order.handling?.assistUnits ?? [];
  if (leadStationId === undefined || names.length === 0) return [];
  const asked = new Set<string>();
  const events: NewEvent[] = [];
  for (const name of names) {
    const station = places.station(name) ?? places.stations.find((s) => s.name === name.trim());
    if (!station || station.id === leadStationId || asked.has(station.id)) continue;
    asked.add(station.id);
    events.push({
      orderId: order.id,
      at,
      actor: { role: 'system', id: 'intake' },
      data: {
        type: 'order.assist_requested',
        stationId: station.id,
        stationName: station.name,
        note: '12345 协办单位',
      },
    });
  }
  return events;
}
