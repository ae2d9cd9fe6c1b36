// POST /v1/orders/{id}/assists, 协办 (assist request): a dispatcher asks another station for its
// part. What a caller notices: success, a role that may not call it (403), a bad body naming the
// field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import {
  describeOrderAction,
  stationKey,
  xinyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'assists',
  does: 'asks the neighbouring station for its part, which waits for its 签收',
  caller: keys.admin,
  on: 'accepted',
  body: { stationId: xinyuan, note: '请协助核实楼内线路' },
  then: (view) => expect(view.assists).toMatchObject([{ stationId: xinyuan, status: 'requested' }]),
  refusedTo: { key: stationKey, who: 'the lead station' },
  badBody: { body: { stationId: '' }, field: 'stationId' },
  wrongState: 'resolved',
});
