// 派单/改派 as events: the one place that checks a station exists and has not returned the order as
// 属地不符, shared by a plain dispatch and an accepted return that names the next station.
import type { EventData } from '../../../contracts/events.js';
import type { RouteDecision } from '../../../contracts/routing.js';
import type { OrderView } from '../../../contracts/views.js';
import { DomainError } from '../errors.js';
import type { PlaceIndex } from '../routing/place-index.js';

/** 派单/改派 to a station of the directory, never to one that returned the order as 属地不符. */
export function dispatchTo(
  view: OrderView,
  stationId: string,
  note: string | undefined,
  places: PlaceIndex,
): EventData {
  const station = places.station(stationId);
  if (!station) {
    throw new DomainError('unknown_station', `No station "${stationId}" in the directory`, {
      zh: `目录中没有此工作站：${stationId}`,
      errors: [{ path: 'stationId', message: 'unknown station' }],
    });
  }
  // 属地不符 must lead to a better route, not the same one.
  if (view.returns.some((r) => r.stationId === station.id && r.reason === 'wrong_area')) {
    throw new DomainError(
      'same_route_after_return',
      `${station.name} already returned this order as 属地不符; choose another station`,
      {
        zh: `${station.name}已以“属地不符”退回此工单，请改派其他工作站。`,
        errors: [{ path: 'stationId', message: 'returned this order as wrong area' }],
      },
    );
  }
  const decision: RouteDecision = {
    outcome: 'routed',
    rule: 'manual',
    stationId: station.id,
    candidates: [],
    reason: note ?? '改派 by dispatcher',
  };
  return {
    type: 'order.dispatched',
    stationId: station.id,
    stationName: station.name,
    decision,
    ...(note ? { note } : {}),
    // Push to stations: the station that loses the order is told (webhook, dispatch stream).
    ...(view.station && view.station.id !== station.id
      ? { previousStationId: view.station.id }
      : {}),
  };
}
