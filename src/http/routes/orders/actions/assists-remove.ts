// POST /v1/orders/{id}/assists/remove: 协办 part removed (dispatcher) before the unit reported it;
// the unit no longer sees the order.
import { RemoveAssistAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const removeAssist = defineOrderAction({
  path: 'assists/remove',
  summary: '协办: remove an assisting unit whose part is still open (dispatcher)',
  tag: 'Assists',
  roles: ['dispatcher', 'admin'],
  conflict: 'The unit has no open part (a reported part stays)',
  body: RemoveAssistAction,
  command: (i) => ({ kind: 'remove_assist', stationId: i.stationId, note: i.note }),
});
