// POST /v1/orders/{id}/accept, 签收 (accept). What a caller sees: success, a role that may not call
// it (403), a bad body naming the field (400), an order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  figure,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('accept');

describe('POST /v1/orders/{id}/accept', () => {
  it('签收: the station holding the order accepts it, and the 签收 clock stops', async () => {
    const order = await orderIn('dispatched');
    const view = await applied(act(order.id, stationKey, { note: '已签收' }));
    expect(view.state).toBe('accepted');
    expect(figure(view, 'accept')?.stoppedAt).toBe(view.updatedAt);
    expect(figure(view, 'accept')?.met).toBe(true);
  });

  it('is not for an auditor (403)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, keys.auditor, {}), 403, 'forbidden');
  });

  it('names a bad field (400)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, stationKey, { note: 7 }), 400, 'validation_failed', 'note');
  });

  it('is a state conflict once accepted (409)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, stationKey, {}), 409, 'state_conflict');
  });
});
