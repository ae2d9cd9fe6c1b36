// POST /v1/orders/{id}/resolve, 办结 (resolve): the station resolves the order with the result. What
// a caller sees: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  figure,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('resolve');

describe('POST /v1/orders/{id}/resolve', () => {
  it('resolves with 办理结果 and 回复内容, and the 办结 clock stops', async () => {
    const order = await orderIn('in_progress');
    const body = { result: '变压器已更换，恢复供电', reply: '已恢复供电，感谢反映' };
    const view = await applied(act(order.id, stationKey, body));
    expect(view.state).toBe('resolved');
    expect(figure(view, 'resolve')?.stoppedAt).toBe(view.updatedAt);
    expect(figure(view, 'resolve')?.met).toBe(true);
  });

  it('is not for a dispatcher (403)', async () => {
    const order = await orderIn('in_progress');
    await refused(act(order.id, keys.admin, { result: '已处理' }), 403, 'forbidden');
  });

  it('names an empty result (400)', async () => {
    const order = await orderIn('in_progress');
    await refused(act(order.id, stationKey, { result: '  ' }), 400, 'validation_failed', 'result');
  });

  it('is a state conflict before 签收 (409)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, stationKey, { result: '已处理' }), 409, 'state_conflict');
  });
});
