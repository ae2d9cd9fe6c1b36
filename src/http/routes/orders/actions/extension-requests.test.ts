// POST /v1/orders/{id}/extension-requests, 延期 (extension request): the station asks for more time.
// What a caller notices: success, a role that may not call it (403), a bad body naming the field
// (400), an order in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'extension-requests',
  does: 'records the request, pending a dispatcher',
  caller: stationKey,
  on: 'accepted',
  body: { reason: '需更换变压器', requestedDueAt: '2026-03-13T18:00:00+08:00' },
  then: (view) =>
    expect(view.extensions).toMatchObject([
      { status: 'pending', requestedDueAt: '2026-03-13T18:00:00+08:00' },
    ]),
  refusedTo: { key: keys.auditor, who: 'an auditor' },
  badBody: { body: { reason: '需更换变压器', requestedDueAt: '下周五' }, field: 'requestedDueAt' },
  wrongState: 'dispatched',
});
