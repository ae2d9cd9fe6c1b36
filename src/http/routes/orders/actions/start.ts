// POST /v1/orders/{id}/start: 办理 (start): work on the matter has begun.
import { StartAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const start = defineOrderAction({
  path: 'start',
  summary: '办理: work has started',
  roles: ['station'],
  body: StartAction,
  command: (i) => ({ kind: 'start', note: i.note }),
});
