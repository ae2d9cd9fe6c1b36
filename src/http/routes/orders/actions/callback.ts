// POST /v1/orders/{id}/callback: 回访 (callback survey): the hotline records whether the citizen
// was reached, whether it was solved and how satisfied they are; once per cycle, inside the
// callback window.
import { CallbackAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const callback = defineOrderAction({
  path: 'callback',
  summary:
    '回访: the hotline records the callback survey (once per cycle, inside the callback window)',
  roles: ['source'],
  body: CallbackAction,
  command: (i, _p, now, view, d) => ({
    kind: 'callback',
    input: i,
    now,
    callbackDueAt: d.sla.dueAt(view, 'callback'),
    reopenOnUnsatisfied: d.metrics.config.reopenOnUnsatisfied,
  }),
});
