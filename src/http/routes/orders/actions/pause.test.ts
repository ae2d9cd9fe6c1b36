// POST /v1/orders/{id}/pause, 挂起 (pause): the station stops the clock while waiting on the citizen.
// What a caller notices: success, a role that may not call it (403), a bad body naming the field
// (400), an order in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'pause',
  does: 'pauses the order with the reason',
  caller: stationKey,
  on: 'accepted',
  body: { reason: '诉求人出差，约定下周上门' },
  then: (view) => expect(view.paused).toBe(true),
  refusedTo: { key: keys.auditor, who: 'an auditor' },
  badBody: { body: { reason: ' ' }, field: 'reason' },
  wrongState: 'dispatched',
});
