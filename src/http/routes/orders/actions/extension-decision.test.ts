// POST /v1/orders/{id}/extension-decision, 延期审批 (extension decision): a dispatcher decides the
// station's request. What a caller notices: success, a role that may not call it (403), a bad body
// naming the field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  figure,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'extension-decision',
  does: 'approves the pending request, and the 办结 deadline moves to the new one',
  caller: keys.admin,
  on: 'extension_asked',
  body: { approved: true, newDueAt: '2026-03-12T18:00:00+08:00' },
  then: (view) => {
    expect(view.extensions).toMatchObject([
      { status: 'approved', newDueAt: '2026-03-12T18:00:00+08:00' },
    ]);
    expect(figure(view, 'resolve')?.dueAt).toBe('2026-03-12T10:00:00.000Z');
  },
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { approved: '同意' }, field: 'approved' },
  wrongState: 'dispatched',
});
