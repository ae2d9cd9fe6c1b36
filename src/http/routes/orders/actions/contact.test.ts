// POST /v1/orders/{id}/contact, 响应 (contact): the station records how the citizen was reached. What
// a caller notices: success, a role that may not call it (403), a bad body naming the field (400),
// an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  figure,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'contact',
  does: 'records the contact and its method, and the 响应 clock stops',
  caller: stationKey,
  on: 'accepted',
  body: { method: 'visit', note: '已上门' },
  then: (view) => {
    expect(view.state).toBe('contacted');
    expect(figure(view, 'respond')?.stoppedAt).toBe(view.updatedAt);
  },
  refusedTo: { key: keys.auditor, who: 'an auditor' },
  badBody: { body: { method: 'fax' }, field: 'method' },
  wrongState: 'dispatched',
});
