// POST /v1/orders/{id}/resolve, 办结 (resolve): the station resolves the order with the result. What
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
  action: 'resolve',
  does: 'resolves with 办理结果 and 回复内容, and the 办结 clock stops on time',
  caller: stationKey,
  on: 'in_progress',
  body: { result: '变压器已更换，恢复供电', reply: '已恢复供电，感谢反映' },
  then: (view) => {
    expect(view.state).toBe('resolved');
    expect(figure(view, 'resolve')).toMatchObject({ stoppedAt: view.updatedAt, met: true });
  },
  refusedTo: { key: keys.admin, who: 'a dispatcher' },
  badBody: { body: { result: '  ' }, field: 'result' },
  wrongState: 'dispatched',
});
