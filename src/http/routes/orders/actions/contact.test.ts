// POST /v1/orders/{id}/contact, 响应 (contact): the station records how the citizen was reached. What
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

const { act, orderIn } = orderActionRig('contact');

describe('POST /v1/orders/{id}/contact', () => {
  it('records the contact and its method, and the 响应 clock stops', async () => {
    const order = await orderIn('accepted');
    const view = await applied(act(order.id, stationKey, { method: 'visit', note: '已上门' }));
    expect(view.state).toBe('contacted');
    expect(figure(view, 'respond')?.stoppedAt).toBe(view.updatedAt);
  });

  it('is not for an auditor (403)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, keys.auditor, { method: 'phone' }), 403, 'forbidden');
  });

  it('names a method it does not know (400)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, stationKey, { method: 'fax' }), 400, 'validation_failed', 'method');
  });

  it('is a state conflict before 签收 (409)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, stationKey, { method: 'phone' }), 409, 'state_conflict');
  });
});
