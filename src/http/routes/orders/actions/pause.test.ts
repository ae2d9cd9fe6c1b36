// POST /v1/orders/{id}/pause, 挂起 (pause): the station stops the clock while waiting on the citizen.
// What a caller sees: success, a role that may not call it (403), a bad body naming the field
// (400), an order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('pause');

describe('POST /v1/orders/{id}/pause', () => {
  it('pauses the order with the reason', async () => {
    const order = await orderIn('accepted');
    const view = await applied(act(order.id, stationKey, { reason: '诉求人出差，约定下周上门' }));
    expect(view.paused).toBe(true);
  });

  it('is not for an auditor (403)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, keys.auditor, { reason: '等待' }), 403, 'forbidden');
  });

  it('names a missing reason (400)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, stationKey, { reason: ' ' }), 400, 'validation_failed', 'reason');
  });

  it('is a state conflict before 签收 (409)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, stationKey, { reason: '等待' }), 409, 'state_conflict');
  });
});
