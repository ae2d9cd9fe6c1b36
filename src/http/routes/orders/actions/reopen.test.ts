// POST /v1/orders/{id}/reopen, 重办 (reopen): the hotline sends a resolved order back for a new
// cycle. What a caller notices: success, a role that may not call it (403), a bad body naming the
// field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  stationKey,
  yiyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'reopen',
  does: 'starts a new cycle at the same station',
  caller: keys.source,
  on: 'resolved',
  body: { reason: '诉求人反映仍未恢复供电' },
  then: (view) => {
    expect(view).toMatchObject({ state: 'dispatched', station: { id: yiyuan } });
    expect(view.slaFacts.cycle).toBe(2);
  },
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { reason: '' }, field: 'reason' },
  wrongState: 'accepted',
});
