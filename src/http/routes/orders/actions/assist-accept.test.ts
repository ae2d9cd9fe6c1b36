// POST /v1/orders/{id}/assist/accept, 协办 签收: the assisting station accepts its own part. What a
// caller notices: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { expect } from 'vitest';
import {
  assistingKey,
  describeOrderAction,
  xinyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'assist/accept',
  does: "签收 of the assisting station's part",
  caller: assistingKey,
  on: 'assist_asked',
  body: { note: '已收到协办' },
  then: (view) => expect(view.assists).toMatchObject([{ stationId: xinyuan, status: 'accepted' }]),
  refusedTo: { key: keys.admin, who: 'a dispatcher' },
  badBody: { body: { note: 5 }, field: 'note' },
  wrongState: 'assist_accepted',
});
