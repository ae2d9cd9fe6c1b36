// POST /v1/orders/{id}/dispatch, 派单/改派 (dispatch): a dispatcher sends the order to a station. What
// a caller sees: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('dispatch');
const xinyuan = 'cuicheng-xinyuan-grid';

describe('POST /v1/orders/{id}/dispatch', () => {
  it('moves the order to another station', async () => {
    const order = await orderIn('dispatched');
    const view = await applied(act(order.id, keys.admin, { stationId: xinyuan, note: '改派' }));
    expect(view).toMatchObject({ state: 'dispatched', station: { id: xinyuan } });
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, stationKey, { stationId: xinyuan }), 403, 'forbidden');
  });

  it('names a missing station (400)', async () => {
    const order = await orderIn('dispatched');
    await refused(
      act(order.id, keys.admin, { stationId: '' }),
      400,
      'validation_failed',
      'stationId',
    );
  });

  it('is a state conflict once resolved (409)', async () => {
    const order = await orderIn('resolved');
    await refused(act(order.id, keys.admin, { stationId: xinyuan }), 409, 'state_conflict');
  });
});
