// The event a due supervision fire becomes: the sweeper records it on the order's stream, where the
// fold marks it emitted (so it is never emitted twice), the status webhooks carry it and the pages
// show it on the timeline.
import type { EventData } from '../../../contracts/events.js';
import type { SlaTarget } from '../../../contracts/sla.js';
import type { SupervisionKind } from './schedule.js';

export function supervisionEvent(
  fire: { kind: SupervisionKind; target: SlaTarget; cycle: number; dueAt: string },
  stationId: string | undefined,
): EventData {
  const { target, cycle, dueAt } = fire;
  const held = stationId !== undefined ? { stationId } : {};
  switch (fire.kind) {
    case 'remind':
      return { type: 'supervision.reminded', target, cycle, dueAt, ...held };
    case 'urge':
      return { type: 'supervision.urged', target, cycle, dueAt, ...held };
    case 'street':
    case 'district':
      return { type: 'supervision.escalated', level: fire.kind, target, cycle, dueAt, ...held };
  }
}
