// POST /v1/orders/{id}/assist/report: 反馈协办意见: the calling station reports its own 协办 part
// (stops its 办结 clock); the lead sees the opinion.
import { ReportAssistAction } from '../../../../../contracts/actions.js';
import { defineOrderAction } from './define-action.js';

export const reportAssist = defineOrderAction({
  path: 'assist/report',
  summary: '协办: report your assisting part, 反馈协办意见 (assisting station)',
  tag: 'Assists',
  roles: ['station'],
  assisting: true,
  conflict: 'You have no accepted part of this order to report (签收 first)',
  body: ReportAssistAction,
  command: (i, p) => ({ kind: 'report_assist', stationId: p.id, opinion: i.opinion }),
});
