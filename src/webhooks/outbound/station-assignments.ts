// Push to stations: which stations an order event concerns and what it means for each, for stations
// subscribed to their assignments (new, re-dispatched away, reopened, 催办). The dispatch stream
// (adapters/cluster/dispatch-relay.ts) tells stations the same things on Kafka.
import type { OrderEvent } from '../../../contracts/events.js';
import type { StationAssignment } from '../../../contracts/webhooks.js';

export interface StationTarget {
  stationId: string;
  assignment: StationAssignment;
}

/** The owner key of a station's subscriptions, apart from the hotline sources' ids. */
export const stationOwner = (stationId: string): string => `station:${stationId}`;

export function stationTargets(event: OrderEvent): StationTarget[] {
  const d = event.data;
  switch (d.type) {
    case 'order.dispatched':
      return [
        { stationId: d.stationId, assignment: 'assigned' },
        ...(d.previousStationId !== undefined && d.previousStationId !== d.stationId
          ? [{ stationId: d.previousStationId, assignment: 'removed' as const }]
          : []),
      ];
    case 'order.return_rejected':
      return [{ stationId: d.stationId, assignment: 'assigned' }];
    case 'order.reopened':
      return [{ stationId: d.stationId, assignment: 'reopened' }];
    case 'supervision.urged':
      return d.stationId !== undefined ? [{ stationId: d.stationId, assignment: 'urged' }] : [];
    default:
      return [];
  }
}
