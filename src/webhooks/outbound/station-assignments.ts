// Push to stations: which stations an order event concerns and what it means for each, for stations
// subscribed to their assignments (new, re-dispatched away, reopened, 催办, a 协办 part asked for or
// ended). The dispatch stream
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
    // 协办: the assisting unit hears that its part was asked for, and that a dispatcher ended it.
    case 'order.assist_requested':
      return [{ stationId: d.stationId, assignment: 'assisting' }];
    case 'order.assist_removed':
    case 'order.assist_closed':
      return [{ stationId: d.stationId, assignment: 'assist_ended' }];
    default:
      return [];
  }
}
