// POST /v1/orders/{id}/assists/close: a dispatcher closes the outstanding 协办 parts (or one) with a
// note, so the lead may resolve without them.
import { CloseAssistsAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const closeAssists = defineOrderAction({
  path: 'assists/close',
  summary: '协办: close outstanding assisting parts without their report (dispatcher)',
  tag: 'Assists',
  roles: ['dispatcher', 'admin'],
  conflict: 'No part is outstanding (or none of that unit)',
  body: CloseAssistsAction,
  command: (i) => ({ kind: 'close_assists', stationId: i.stationId, note: i.note }),
});
