// POST /v1/orders/{id}/assist/report, 反馈协办意见: the assisting station reports its own part. What a
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
  action: 'assist/report',
  does: 'reports the part with the opinion, which the lead sees',
  caller: assistingKey,
  on: 'assist_accepted',
  body: { opinion: '楼内线路正常，故障在小区变压器' },
  then: (view) => expect(view.assists).toMatchObject([{ stationId: xinyuan, status: 'reported' }]),
  refusedTo: { key: keys.admin, who: 'a dispatcher' },
  badBody: { body: { opinion: ' ' }, field: 'opinion' },
  wrongState: 'assist_asked',
});
