// POST /v1/orders/{id}/callback, 回访 (callback): the hotline records the callback survey. What a
// caller notices: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'callback',
  does: 'records a satisfied survey and closes the order',
  caller: keys.source,
  on: 'resolved',
  body: { valid: true, contacted: true, solved: true, satisfaction: 'satisfied' },
  then: (view) => {
    expect(view.state).toBe('closed');
    expect(view.callbacks).toMatchObject([{ valid: true, satisfaction: 'satisfied' }]);
  },
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { valid: true, contacted: true, solved: true }, field: 'satisfaction' },
  wrongState: 'accepted',
});
