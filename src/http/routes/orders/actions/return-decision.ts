// POST /v1/orders/{id}/return-decision: 退单审核 (return review): a dispatcher accepts a return (re-
// route, never back to a station that returned it as 属地不符) or rejects it with a note (back to the
// station).
import { ReturnDecisionAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const returnDecision = defineOrderAction({
  path: 'return-decision',
  summary:
    '退单审核: accept a return (re-route, optionally to a station now) or reject it with a note (back to the station)',
  roles: ['dispatcher', 'admin'],
  body: ReturnDecisionAction,
  command: (i) => ({ kind: 'decide_return', input: i }),
});
