// POST /v1/orders/{id}/dispatch, 派单/改派 (dispatch): a dispatcher sends the order to a station. What
// a caller notices: success, a role that may not call it (403), a bad body naming the field (400),
// an order in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'dispatch',
  does: 'moves the order to another station',
  caller: keys.admin,
  on: 'dispatched',
  body: { stationId: 'cuicheng-xinyuan-grid', note: '改派' },
  then: (view) =>
    expect(view).toMatchObject({ state: 'dispatched', station: { id: 'cuicheng-xinyuan-grid' } }),
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { stationId: '' }, field: 'stationId' },
  wrongState: 'resolved',
});
