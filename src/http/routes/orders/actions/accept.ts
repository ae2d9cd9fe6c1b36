// POST /v1/orders/{id}/accept: 签收 (accept): the station holding the order takes it on; stops the
// 签收 clock.
import { AcceptAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const accept = defineOrderAction({
  path: 'accept',
  summary: '签收: the station accepts the order',
  roles: ['station'],
  body: AcceptAction,
  command: (i) => ({ kind: 'accept', note: i.note }),
});
