// POST /v1/orders/{id}/resume, 恢复计时 (resume): the clock runs again after a pause. What a caller
// notices: success, a role that may not call it (403), a bad body naming the field (400), an order
// in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'resume',
  does: 'ends the pause',
  caller: stationKey,
  on: 'paused',
  body: { note: '诉求人已回京' },
  then: (view, before) => {
    expect(before.paused).toBe(true);
    expect(view.paused).toBe(false);
  },
  refusedTo: { key: keys.source, who: 'the hotline' },
  badBody: { body: { note: 5 }, field: 'note' },
  wrongState: 'dispatched',
});
