// POST /v1/orders/{id}/extension-requests: 延期 (extension request): more time, asked before the 办结
// deadline, with a reason and the date wanted.
import { ExtensionRequestAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const extensionRequests = defineOrderAction({
  path: 'extension-requests',
  summary: '延期: ask for more time, before the deadline, with a reason',
  roles: ['station'],
  body: ExtensionRequestAction,
  command: (i, _p, now, view, d) => ({
    kind: 'request_extension',
    input: i,
    now,
    resolveDueAt: d.sla.dueAt(view, 'resolve'),
  }),
});
