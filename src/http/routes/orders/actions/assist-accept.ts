// POST /v1/orders/{id}/assist/accept: 签收 of the calling station's own 协办 part (stops its 签收 clock).
import { AcceptAssistAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const acceptAssist = defineOrderAction({
  path: 'assist/accept',
  summary: '协办: 签收 (accept) your assisting part (assisting station)',
  tag: 'Assists',
  roles: ['station'],
  assisting: true,
  conflict: 'You have no part of this order waiting for 签收',
  body: AcceptAssistAction,
  command: (i, p) => ({ kind: 'accept_assist', stationId: p.id, note: i.note }),
});
