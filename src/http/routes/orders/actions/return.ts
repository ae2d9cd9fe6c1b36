// POST /v1/orders/{id}/return: 退单 (return): the station says the order is not theirs, with a
// reason and a note; it waits for a dispatcher's review (return-decision.ts).
import { ReturnAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const returnOrder = defineOrderAction({
  path: 'return',
  summary: '退单: not ours, with a reason; waits for a dispatcher to review it (return-decision)',
  roles: ['station'],
  body: ReturnAction,
  command: (i, p) => ({ kind: 'return', stationId: p.id, input: i }),
});
