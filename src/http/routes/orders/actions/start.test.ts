// POST /v1/orders/{id}/start, 办理 (start): work on the order has started. What a caller notices:
// success, a role that may not call it (403), a bad body naming the field (400), an order in the
// wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'start',
  does: 'moves a contacted order into work',
  caller: stationKey,
  on: 'contacted',
  body: { note: '已联系供电公司' },
  then: (view) => expect(view.state).toBe('in_progress'),
  refusedTo: { key: keys.source, who: 'the hotline' },
  badBody: { body: { note: ['x'] }, field: 'note' },
  wrongState: 'accepted',
});
