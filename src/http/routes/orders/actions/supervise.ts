// POST /v1/orders/{id}/supervise: 督办 by hand. A supervisor puts an open order under supervision at
// their level (or the level given), with a note; it then stands in that level's escalation queue
// while overdue, and the platform hears it on its status webhook.
import { SuperviseAction } from '../../../../../contracts/actions.js';
import { supervisionLevelOf } from '../../../../usecases/supervision.js';
import { defineOrderAction } from './define-action.js';

export const supervise = defineOrderAction({
  path: 'supervise',
  summary: '督办: put the order under supervision at a level, with a note (supervisor)',
  tag: 'Supervision',
  roles: ['supervisor', 'admin'],
  conflict: 'The order is resolved or closed',
  body: SuperviseAction,
  command: (i, p) => ({ kind: 'supervise', level: i.level ?? supervisionLevelOf(p), note: i.note }),
});
