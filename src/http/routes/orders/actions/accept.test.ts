// POST /v1/orders/{id}/accept, 签收 (accept). What a caller notices: success, a role that may not
// call it (403), a bad body naming the field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  figure,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'accept',
  does: '签收: the station holding the order accepts it, and the 签收 clock stops on time',
  caller: stationKey,
  on: 'dispatched',
  body: { note: '已签收' },
  then: (view) => {
    expect(view.state).toBe('accepted');
    expect(figure(view, 'accept')).toMatchObject({ stoppedAt: view.updatedAt, met: true });
  },
  refusedTo: { key: keys.auditor, who: 'an auditor' },
  badBody: { body: { note: 7 }, field: 'note' },
  wrongState: 'accepted',
});
