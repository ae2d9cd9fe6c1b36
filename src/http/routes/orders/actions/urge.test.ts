// POST /v1/orders/{id}/urge, 催办 (urge): a supervisor urges the station holding the order. What a
// caller sees: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('urge');

describe('POST /v1/orders/{id}/urge', () => {
  it('counts the 催办 on the order', async () => {
    const order = await orderIn('accepted');
    const view = await applied(act(order.id, keys.admin, { note: '请今日内恢复供电' }));
    expect(view.supervision).toMatchObject({ urges: 1 });
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, stationKey, { note: '请尽快' }), 403, 'forbidden');
  });

  it('names a missing note (400)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, keys.admin, { note: '' }), 400, 'validation_failed', 'note');
  });

  it('is a state conflict once resolved (409)', async () => {
    const order = await orderIn('resolved');
    await refused(act(order.id, keys.admin, { note: '请尽快' }), 409, 'state_conflict');
  });
});
