// POST /v1/orders/{id}/pause: 挂起 (pause): the clocks stop while the station waits on the citizen
// or a third party, with the reason.
import { PauseAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const pause = defineOrderAction({
  path: 'pause',
  summary:
    '挂起: stop the clock while waiting on the citizen or a third party (where policy allows)',
  roles: ['station'],
  body: PauseAction,
  command: (i, _p, _now, view, d) => ({
    kind: 'pause',
    reason: i.reason,
    stopsAClock: d.sla
      .summary(view)
      .figures.some((f) => f.cycle === view.slaFacts.cycle && !f.stoppedAt && f.pausable === true),
  }),
});
