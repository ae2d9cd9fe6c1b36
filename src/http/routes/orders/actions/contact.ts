// POST /v1/orders/{id}/contact: 响应 (contact): the station reached the citizen, how (phone, visit,
// SMS, WeChat) and a note; stops the 响应 clock.
import { ContactAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const contact = defineOrderAction({
  path: 'contact',
  summary: '响应: the citizen was contacted',
  roles: ['station'],
  body: ContactAction,
  command: (i) => ({ kind: 'contact', method: i.method, note: i.note }),
});
