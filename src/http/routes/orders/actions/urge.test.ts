// POST /v1/orders/{id}/urge, 催办 (urge): a supervisor urges the station holding the order. What a
// caller notices: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'urge',
  does: 'counts the 催办 on the order',
  caller: keys.admin,
  on: 'accepted',
  body: { note: '请今日内恢复供电' },
  then: (view) => expect(view.supervision).toMatchObject({ urges: 1 }),
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { note: '' }, field: 'note' },
  wrongState: 'resolved',
});
