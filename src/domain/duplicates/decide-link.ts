// 重复件 by hand: a dispatcher links an order to the open order it repeats (it leaves its station and
// waits there), or unlinks it (back to triage, to be dispatched on its own). The use case writes the
// matching event on the lead (caller joined / left); this says what the repeat records.
import type { EventData } from '../../../contracts/events.js';
import type { OrderView } from '../../../contracts/views.js';
import { DomainError } from '../errors.js';
import { OPEN_STATES } from './match.js';

export type DuplicateCommand =
  | { kind: 'link_duplicate'; lead: OrderView; note: string }
  | { kind: 'unlink_duplicate'; note: string };

const refuse = (message: string, zh: string, state: string) =>
  new DomainError('state_conflict', message, {
    zh,
    state,
    errors: [{ path: 'leadId', message }],
  });

export function decideDuplicate(view: OrderView, command: DuplicateCommand): EventData[] {
  if (command.kind === 'unlink_duplicate') {
    if (view.duplicateOf === undefined)
      throw new DomainError('state_conflict', 'The order is not linked to another', {
        zh: '此工单未关联为其他工单的重复件。',
        state: view.state,
      });
    return [{ type: 'order.duplicate_unlinked', leadId: view.duplicateOf, note: command.note }];
  }
  const lead = command.lead;
  if (lead.id === view.id)
    throw refuse('An order cannot repeat itself', '工单不能关联到自身。', lead.state);
  if (lead.duplicateOf !== undefined)
    throw refuse(
      `Order ${lead.id} is itself a repeat of ${lead.duplicateOf}; link to that`,
      `工单 ${lead.id} 本身是 ${lead.duplicateOf} 的重复件，请关联到 ${lead.duplicateOf}。`,
      lead.state,
    );
  if (!OPEN_STATES.includes(lead.state))
    throw refuse(
      `Order ${lead.id} is ${lead.state}; a repeat joins an open order only`,
      `工单 ${lead.id} 已不在办理中，重复件只能关联到办理中的工单。`,
      lead.state,
    );
  return [{ type: 'order.duplicate_linked', leadId: lead.id, reason: `by hand: ${command.note}` }];
}
