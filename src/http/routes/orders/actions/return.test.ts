// POST /v1/orders/{id}/return, 退单 (return): the station says the order is not theirs. What a caller
// sees: success, a role that may not call it (403), a bad body naming the field (400), an order in
// the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
  yiyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('return');

describe('POST /v1/orders/{id}/return', () => {
  it('waits for a dispatcher, off the station, with the reason', async () => {
    const order = await orderIn('accepted');
    const body = { reason: 'ownership_unclear', note: '道路权属待核实' };
    const view = await applied(act(order.id, stationKey, body));
    expect(view).toMatchObject({
      state: 'returned',
      station: null,
      returns: [{ stationId: yiyuan, reason: 'ownership_unclear', review: { status: 'pending' } }],
    });
  });

  it('is not for the hotline (403)', async () => {
    const order = await orderIn('accepted');
    const body = { reason: 'wrong_area', note: '不属本社区' };
    await refused(act(order.id, keys.source, body), 403, 'forbidden');
  });

  it('names a reason it does not know (400)', async () => {
    const order = await orderIn('accepted');
    const body = { reason: 'too_busy', note: '人手不足' };
    await refused(act(order.id, stationKey, body), 400, 'validation_failed', 'reason');
  });

  it('is a state conflict once resolved (409)', async () => {
    const order = await orderIn('resolved');
    const body = { reason: 'wrong_area', note: '不属本社区' };
    await refused(act(order.id, stationKey, body), 409, 'state_conflict');
  });
});
