// POST /v1/orders/{id}/extension-decision: 延期审批 (extension decision): a dispatcher approves the
// pending request, with the new deadline, or denies it.
import { ExtensionDecisionAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const extensionDecision = defineOrderAction({
  path: 'extension-decision',
  summary: 'Approve or deny the pending extension (dispatcher)',
  roles: ['dispatcher', 'admin'],
  body: ExtensionDecisionAction,
  command: (i, _p, _now, view, d) => ({
    kind: 'decide_extension',
    input: i,
    resolveDueAt: d.sla.dueAt(view, 'resolve'),
  }),
});
