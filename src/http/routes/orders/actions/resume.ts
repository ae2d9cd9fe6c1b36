// POST /v1/orders/{id}/resume: 恢复计时 (resume): the clocks run again after a pause.
import { ResumeAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const resume = defineOrderAction({
  path: 'resume',
  summary: 'Resume after a pause',
  roles: ['station'],
  body: ResumeAction,
  command: (i) => ({ kind: 'resume', note: i.note }),
});
