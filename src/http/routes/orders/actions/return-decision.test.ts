// POST /v1/orders/{id}/return-decision, 退单审核 (return decision): a dispatcher reviews a return. What
// a caller sees: success, a role that may not call it (403), a bad body naming the field (400), an
// order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
  yiyuan,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('return-decision');

describe('POST /v1/orders/{id}/return-decision', () => {
  it('rejects a return with a note: back to the station, in the state it left', async () => {
    const order = await orderIn('returned');
    const body = { approved: false, note: '该楼属本社区，请继续办理' };
    const view = await applied(act(order.id, keys.admin, body));
    expect(view).toMatchObject({
      state: 'dispatched',
      station: { id: yiyuan },
      returns: [{ review: { status: 'rejected', note: '该楼属本社区，请继续办理' } }],
    });
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('returned');
    await refused(act(order.id, stationKey, { approved: true }), 403, 'forbidden');
  });

  it('names the note a rejection needs (400)', async () => {
    const order = await orderIn('returned');
    await refused(act(order.id, keys.admin, { approved: false }), 400, 'validation_failed', 'note');
  });

  it('is a state conflict when nothing was returned (409)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, keys.admin, { approved: true }), 409, 'state_conflict');
  });
});
