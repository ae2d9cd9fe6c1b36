// POST /v1/orders/{id}/start, 办理 (start): work on the order has started. What a caller sees:
// success, a role that may not call it (403), a bad body naming the field (400), an order in the
// wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('start');

describe('POST /v1/orders/{id}/start', () => {
  it('moves a contacted order into work', async () => {
    const order = await orderIn('contacted');
    const view = await applied(act(order.id, stationKey, { note: '已联系供电公司' }));
    expect(view.state).toBe('in_progress');
  });

  it('is not for the hotline (403)', async () => {
    const order = await orderIn('contacted');
    await refused(act(order.id, keys.source, {}), 403, 'forbidden');
  });

  it('names a bad field (400)', async () => {
    const order = await orderIn('contacted');
    await refused(act(order.id, stationKey, { note: ['x'] }), 400, 'validation_failed', 'note');
  });

  it('is a state conflict before the citizen was contacted (409)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, stationKey, {}), 409, 'state_conflict');
  });
});
