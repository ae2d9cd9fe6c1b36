// POST /v1/orders/{id}/supervise, 督办 (supervise): a supervisor puts the order under supervision at
// a level. What a caller notices: success, a role that may not call it (403), a bad body naming the
// field (400), an order in the wrong state (409).
import { expect } from 'vitest';
import { describeOrderAction, stationKey } from '../../../../../test/support/order-actions.js';
import { keys } from '../../../../../test/support/test-gateway.js';

describeOrderAction({
  action: 'supervise',
  does: 'escalates the order to the level asked, with the note',
  caller: keys.admin,
  on: 'accepted',
  body: { level: 'street', note: '街道督办：今日内恢复供电' },
  then: (view) =>
    expect(view.supervision).toMatchObject({
      level: 'street',
      escalations: [{ level: 'street', note: '街道督办：今日内恢复供电' }],
    }),
  refusedTo: { key: stationKey, who: 'the station' },
  badBody: { body: { level: 'city', note: '督办' }, field: 'level' },
  wrongState: 'resolved',
});
