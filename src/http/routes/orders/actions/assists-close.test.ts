// POST /v1/orders/{id}/assists/close, 协办 closed: a dispatcher closes outstanding parts without
// their report. What a caller notices: success, a role that may not call it (403), a bad body
// naming the field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  stationKey,
  xinyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'assists/close',
  does: 'closes the outstanding part, so the lead may resolve',
  caller: keys.admin,
  on: 'assist_asked',
  body: { note: '协办单位逾期未反馈，由主办办结' },
  then: (view) => expect(view.assists).toMatchObject([{ stationId: xinyuan, status: 'closed' }]),
  refusedTo: { key: stationKey, who: 'the lead station' },
  badBody: { body: { note: ' ' }, field: 'note' },
  wrongState: 'accepted',
});
