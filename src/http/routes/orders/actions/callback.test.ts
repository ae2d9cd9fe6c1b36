// POST /v1/orders/{id}/callback, 回访 (callback): the hotline records the callback survey. What a
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

const { act, orderIn } = orderActionRig('callback');

describe('POST /v1/orders/{id}/callback', () => {
  it('records a satisfied survey and closes the order', async () => {
    const order = await orderIn('resolved');
    const body = { valid: true, contacted: true, solved: true, satisfaction: 'satisfied' };
    const view = await applied(act(order.id, keys.source, body));
    expect(view.state).toBe('closed');
    expect(view.callbacks).toMatchObject([{ valid: true, satisfaction: 'satisfied' }]);
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('resolved');
    await refused(act(order.id, stationKey, { valid: false }), 403, 'forbidden');
  });

  it('names the missing satisfaction of a valid survey (400)', async () => {
    const order = await orderIn('resolved');
    const body = { valid: true, contacted: true, solved: true };
    await refused(act(order.id, keys.source, body), 400, 'validation_failed', 'satisfaction');
  });

  it('is a state conflict before 办结 (409)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, keys.source, { valid: false }), 409, 'state_conflict');
  });
});
