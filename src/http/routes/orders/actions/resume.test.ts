// POST /v1/orders/{id}/resume, 恢复计时 (resume): the clock runs again after a pause. What a caller
// sees: success, a role that may not call it (403), a bad body naming the field (400), an order in
// the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('resume');

describe('POST /v1/orders/{id}/resume', () => {
  it('ends the pause', async () => {
    const order = await orderIn('paused');
    expect(order.paused).toBe(true);
    const view = await applied(act(order.id, stationKey, { note: '诉求人已回京' }));
    expect(view.paused).toBe(false);
  });

  it('is not for the hotline (403)', async () => {
    const order = await orderIn('paused');
    await refused(act(order.id, keys.source, {}), 403, 'forbidden');
  });

  it('names a bad field (400)', async () => {
    const order = await orderIn('paused');
    await refused(act(order.id, stationKey, { note: 5 }), 400, 'validation_failed', 'note');
  });

  it('is a state conflict before 签收 (409)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, stationKey, {}), 409, 'state_conflict');
  });
});
