// POST /v1/orders/{id}/extension-decision, 延期审批 (extension decision): a dispatcher decides the
// station's request. What a caller sees: success, a role that may not call it (403), a bad body
// naming the field (400), an order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  figure,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('extension-decision');

describe('POST /v1/orders/{id}/extension-decision', () => {
  it('approves the pending request with a new deadline', async () => {
    const order = await orderIn('extension_asked');
    const body = { approved: true, newDueAt: '2026-03-12T18:00:00+08:00' };
    const view = await applied(act(order.id, keys.admin, body));
    expect(view.extensions).toMatchObject([
      { status: 'approved', newDueAt: '2026-03-12T18:00:00+08:00' },
    ]);
    expect(figure(view, 'resolve')?.dueAt).toBe('2026-03-12T10:00:00.000Z');
  });

  it('is not for the station (403)', async () => {
    const order = await orderIn('extension_asked');
    await refused(act(order.id, stationKey, { approved: true }), 403, 'forbidden');
  });

  it('names a decision that is not yes or no (400)', async () => {
    const order = await orderIn('extension_asked');
    await refused(
      act(order.id, keys.admin, { approved: '同意' }),
      400,
      'validation_failed',
      'approved',
    );
  });

  it('is a state conflict before 签收 (409)', async () => {
    const order = await orderIn('dispatched');
    await refused(act(order.id, keys.admin, { approved: false }), 409, 'state_conflict');
  });
});
