// POST /v1/orders/{id}/return-decision, 退单审核 (return decision): a dispatcher reviews a return. What
// a caller notices: success, a role that may not call it (403), a bad body naming the field (400),
// an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  stationKey,
  yiyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'return-decision',
  does: 'rejects a return with a note: back to the station, in the state it left',
  caller: keys.admin,
  on: 'returned',
  body: { approved: false, note: '该楼属本社区，请继续办理' },
  then: (view) =>
    expect(view).toMatchObject({
      state: 'dispatched',
      station: { id: yiyuan },
      returns: [{ review: { status: 'rejected', note: '该楼属本社区，请继续办理' } }],
    }),
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { approved: false }, field: 'note' },
  wrongState: 'dispatched',
});
