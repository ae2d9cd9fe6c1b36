// POST /v1/orders/{id}/supervise, 督办 (supervise): a supervisor puts the order under supervision at
// a level. What a caller sees: success, a role that may not call it (403), a bad body naming the
// field (400), an order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('supervise');

describe('POST /v1/orders/{id}/supervise', () => {
  it('escalates the order to the level asked, with the note', async () => {
    const order = await orderIn('accepted');
    const body = { level: 'street', note: '街道督办：今日内恢复供电' };
    const view = await applied(act(order.id, keys.admin, body));
    expect(view.supervision).toMatchObject({
      level: 'street',
      escalations: [{ level: 'street', note: '街道督办：今日内恢复供电' }],
    });
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, stationKey, { note: '督办' }), 403, 'forbidden');
  });

  it('names a level it does not know (400)', async () => {
    const order = await orderIn('accepted');
    const body = { level: 'city', note: '督办' };
    await refused(act(order.id, keys.admin, body), 400, 'validation_failed', 'level');
  });

  it('is a state conflict once resolved (409)', async () => {
    const order = await orderIn('resolved');
    await refused(act(order.id, keys.admin, { note: '督办' }), 409, 'state_conflict');
  });
});
