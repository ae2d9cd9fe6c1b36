// POST /v1/orders/{id}/urge: 催办 by hand. A supervisor (or admin) urges the station holding an open
// order, with a note; recorded on the order's stream, sent to the platform's status webhook and to
// the station's assignment feed.
import { UrgeAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const urge = defineOrderAction({
  path: 'urge',
  summary: '催办: urge the station holding the order, with a note (supervisor)',
  tag: 'Supervision',
  roles: ['supervisor', 'admin'],
  conflict: 'No station holds the order, or it is resolved or closed',
  body: UrgeAction,
  command: (i) => ({ kind: 'urge', note: i.note }),
});
