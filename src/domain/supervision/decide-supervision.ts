// 催办 and 督办 by hand: a supervisor urges the station holding an open order, or puts the order under
// supervision at their level, always with a note. The lifecycle table (decide.ts, allowedFrom) says
// from which states; this says what is recorded.
import type { EventData } from '../../../contracts/events.js';
import type { SupervisionLevel } from '../../../contracts/sla.js';
import type { OrderView } from '../../../contracts/views.js';
import { DomainError } from '../errors.js';

export type SupervisorCommand =
  { kind: 'urge'; note: string } | { kind: 'supervise'; level: SupervisionLevel; note: string };

export function decideSupervision(view: OrderView, command: SupervisorCommand): EventData[] {
  const cycle = view.slaFacts.cycle;
  const held = view.station ? { stationId: view.station.id } : {};
  if (command.kind === 'urge') {
    // 催办 is a notice to a station: an order no station holds has nobody to urge.
    if (!view.station)
      throw new DomainError(
        'state_conflict',
        'No station holds the order; there is nobody to urge',
        {
          zh: '工单当前没有承办工作站，无法催办。',
          state: view.state,
        },
      );
    return [{ type: 'supervision.urged', cycle, note: command.note, ...held }];
  }
  return [
    { type: 'supervision.escalated', level: command.level, cycle, note: command.note, ...held },
  ];
}
