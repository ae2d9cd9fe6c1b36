// POST /v1/orders/{id}/assists/remove, 协办 removed: a dispatcher takes back a part the unit has not
// reported. What a caller notices: success, a role that may not call it (403), a bad body naming
// the field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  stationKey,
  xinyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'assists/remove',
  does: 'removes the open part',
  caller: keys.admin,
  on: 'assist_asked',
  body: { stationId: xinyuan, note: '线路已由供电公司核实，无需协办' },
  then: (view) => expect(view.assists).toMatchObject([{ stationId: xinyuan, status: 'removed' }]),
  refusedTo: { key: stationKey, who: 'the lead station' },
  badBody: { body: { stationId: xinyuan }, field: 'note' },
  wrongState: 'accepted',
});
