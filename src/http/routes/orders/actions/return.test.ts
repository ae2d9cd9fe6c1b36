// POST /v1/orders/{id}/return, 退单 (return): the station says the order is not theirs. What a caller
// notices: success, a role that may not call it (403), a bad body naming the field (400), an order
// in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  stationKey,
  yiyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'return',
  does: 'waits for a dispatcher, off the station, with the reason',
  caller: stationKey,
  on: 'accepted',
  body: { reason: 'ownership_unclear', note: '道路权属待核实' },
  then: (view) =>
    expect(view).toMatchObject({
      state: 'returned',
      station: null,
      returns: [{ stationId: yiyuan, reason: 'ownership_unclear', review: { status: 'pending' } }],
    }),
  refusedTo: { key: keys.source, who: 'the hotline' },
  badBody: { body: { reason: 'too_busy', note: '人手不足' }, field: 'reason' },
  wrongState: 'resolved',
});
