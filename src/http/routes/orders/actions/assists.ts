// POST /v1/orders/{id}/assists: 协办: a dispatcher asks another station or a department for its part
// of the order; the part gets its own 签收 and 办结 clocks and the unit sees the order in its inbox.
import { RequestAssistAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const requestAssist = defineOrderAction({
  path: 'assists',
  summary: '协办: ask an assisting station or department for its part (dispatcher)',
  tag: 'Assists',
  roles: ['dispatcher', 'admin'],
  conflict:
    'The order is not open with a lead station, the unit leads it, or its part is already open',
  body: RequestAssistAction,
  command: (i) => ({ kind: 'request_assist', stationId: i.stationId, note: i.note }),
});
