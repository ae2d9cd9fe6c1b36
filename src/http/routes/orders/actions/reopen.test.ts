// POST /v1/orders/{id}/reopen, 重办 (reopen): the hotline sends a resolved order back for a new
// cycle. What a caller sees: success, a role that may not call it (403), a bad body naming the
// field (400), an order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
  yiyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('reopen');

describe('POST /v1/orders/{id}/reopen', () => {
  it('starts a new cycle at the same station', async () => {
    const order = await orderIn('resolved');
    const view = await applied(act(order.id, keys.source, { reason: '诉求人反映仍未恢复供电' }));
    expect(view).toMatchObject({ state: 'dispatched', station: { id: yiyuan } });
    expect(view.slaFacts.cycle).toBe(2);
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('resolved');
    await refused(act(order.id, stationKey, { reason: '未解决' }), 403, 'forbidden');
  });

  it('names a missing reason (400)', async () => {
    const order = await orderIn('resolved');
    await refused(act(order.id, keys.source, { reason: '' }), 400, 'validation_failed', 'reason');
  });

  it('is a state conflict while the order is open (409)', async () => {
    const order = await orderIn('accepted');
    await refused(act(order.id, keys.source, { reason: '未解决' }), 409, 'state_conflict');
  });
});
