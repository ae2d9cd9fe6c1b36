// POST /v1/orders/{id}/extension-requests, 延期 (extension request): the station asks for more time.
// What a caller sees: success, a role that may not call it (403), a bad body naming the field
// (400), an order in the wrong state (409).
import { describe, expect, it } from 'vitest';
import {
  applied,
  orderActionRig,
  refused,
  stationKey,
} from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

const { act, orderIn } = orderActionRig('extension-requests');

describe('POST /v1/orders/{id}/extension-requests', () => {
  it('records the request, pending a dispatcher', async () => {
    const order = await orderIn('accepted');
    const body = { reason: '需更换变压器', requestedDueAt: '2026-03-13T18:00:00+08:00' };
    const view = await applied(act(order.id, stationKey, body));
    expect(view.extensions).toMatchObject([
      { status: 'pending', requestedDueAt: '2026-03-13T18:00:00+08:00' },
    ]);
  });

  it('is not for an auditor (403)', async () => {
    const order = await orderIn('accepted');
    const body = { reason: '需更换变压器', requestedDueAt: '2026-03-13T18:00:00+08:00' };
    await refused(act(order.id, keys.auditor, body), 403, 'forbidden');
  });

  it('names a deadline that is not a date with an offset (400)', async () => {
    const order = await orderIn('accepted');
    const body = { reason: '需更换变压器', requestedDueAt: '下周五' };
    await refused(act(order.id, stationKey, body), 400, 'validation_failed', 'requestedDueAt');
  });

  it('is a state conflict before 签收 (409)', async () => {
    const order = await orderIn('dispatched');
    const body = { reason: '需更换变压器', requestedDueAt: '2026-03-13T18:00:00+08:00' };
    await refused(act(order.id, stationKey, body), 409, 'state_conflict');
  });
});
