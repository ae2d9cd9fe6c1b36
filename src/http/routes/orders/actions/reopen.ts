// POST /v1/orders/{id}/reopen: 重办 (reopen): the hotline sends a resolved order back to its
// station for a new cycle with new clocks.
import { ReopenAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const reopen = defineOrderAction({
  path: 'reopen',
  summary: '重办: the hotline sends a resolved order back for a new cycle',
  roles: ['source'],
  body: ReopenAction,
  command: (i) => ({ kind: 'reopen', reason: i.reason }),
});
