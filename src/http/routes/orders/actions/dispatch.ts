// POST /v1/orders/{id}/dispatch: 派单 / 改派 (dispatch): a dispatcher sends a triaged order to a
// station, or moves an order to another one.
import { DispatchAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const dispatch = defineOrderAction({
  path: 'dispatch',
  summary: '派单/改派: send the order to a station (dispatcher)',
  roles: ['dispatcher', 'admin'],
  body: DispatchAction,
  command: (i) => ({ kind: 'dispatch', stationId: i.stationId, note: i.note }),
});
