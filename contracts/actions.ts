// What stations and dispatchers may do to an order. Each action becomes one event on the order's stream.
import { z } from 'zod';
import { OffsetDateTime } from './order.js';
import { SupervisionLevel } from './sla.js';

/** 退单 reasons (DOMAIN.md): a return without one of these is invalid. */
export const ReturnReason = z.enum([
  'wrong_area',
  'ownership_unclear',
  'overlapping_duties',
  'not_our_duty',
]);
export const returnReasonLabels: Record<z.infer<typeof ReturnReason>, string> = {
  wrong_area: '属地不符',
  ownership_unclear: '权属不清',
  overlapping_duties: '职能交叉',
  not_our_duty: '非本单位职责',
};

/** Optimistic concurrency: a client may say which version it acted on; a stale one gets a 409. */
const expectedVersion = z
  .number()
  .int()
  .min(1)
  .optional()
  .describe('The order version the caller saw');

/** 联系诉求人: how the citizen was reached (电话 phone, 上门 visit, 短信 sms, 微信 wechat). */
export const ContactMethod = z.enum(['phone', 'visit', 'sms', 'wechat']);
export type ContactMethod = z.infer<typeof ContactMethod>;

export const AcceptAction = z.object({ expectedVersion, note: z.string().max(1000).optional() });
export const ContactAction = z.object({
  expectedVersion,
  method: ContactMethod.optional().describe('How the citizen was reached'),
  note: z
    .string()
    .max(1000)
    .optional()
    .describe('How and when the citizen was reached (联系诉求人)'),
});
export const StartAction = z.object({ expectedVersion, note: z.string().max(1000).optional() });
export const ResolveAction = z.object({
  expectedVersion,
  result: z.string().trim().min(1).max(4000).describe('办理结果'),
  reply: z.string().max(4000).optional().describe('回复内容 for the citizen'),
});
export const ReturnAction = z.object({
  expectedVersion,
  reason: ReturnReason,
  note: z.string().trim().min(1).max(1000).describe('What the dispatcher needs to re-route it'),
  suggestedCode: z
    .string()
    .regex(/^\d{6,12}$/)
    .optional()
    .describe('Division code the station believes is right'),
});
export const ExtensionRequestAction = z.object({
  expectedVersion,
  reason: z.string().trim().min(1).max(1000),
  requestedDueAt: OffsetDateTime.describe('The new resolution deadline asked for'),
});
export const ExtensionDecisionAction = z.object({
  expectedVersion,
  approved: z.boolean(),
  newDueAt: OffsetDateTime.optional().describe(
    'Required when approved; defaults to the requested time',
  ),
  note: z.string().max(1000).optional(),
});
/** 退单审核: accept the return (re-route, optionally straight to a station) or reject it (back to the station). */
export const ReturnDecisionAction = z
  .object({
    expectedVersion,
    approved: z.boolean().describe('true: accept the return and re-route; false: send it back'),
    stationId: z
      .string()
      .min(1)
      .optional()
      .describe(
        "On acceptance: the station to dispatch to at once (never one that returned it as 属地不符); without it the order waits in triage with the router's suggestion",
      ),
    note: z
      .string()
      .trim()
      .max(1000)
      .optional()
      .describe('Required on a rejection: why, for the station'),
  })
  .refine((d) => d.approved || (d.note !== undefined && d.note.length > 0), {
    message: 'a rejection needs a note for the station',
    path: ['note'],
  })
  .refine((d) => d.approved || d.stationId === undefined, {
    message: 'a rejected return goes back to the station that returned it; leave stationId out',
    path: ['stationId'],
  });

export const DispatchAction = z.object({
  expectedVersion,
  stationId: z.string().min(1).describe('改派: the station to send the order to'),
  note: z.string().max(1000).optional(),
});

export const PauseAction = z.object({
  expectedVersion,
  reason: z
    .string()
    .trim()
    .min(1)
    .max(1000)
    .describe('挂起: waiting on the citizen or a third party'),
});
export const ResumeAction = z.object({ expectedVersion, note: z.string().max(1000).optional() });
export const CallbackAction = z
  .object({
    expectedVersion,
    valid: z.boolean().describe('有效回访: the citizen was reached and answered'),
    contacted: z.boolean().optional().describe('是否联系: the station contacted the citizen'),
    solved: z.boolean().optional().describe('是否解决'),
    satisfaction: z
      .enum(['satisfied', 'basically_satisfied', 'unsatisfied'])
      .optional()
      .describe('是否满意: 满意 / 基本满意 / 不满意'),
    attributedToStation: z
      .boolean()
      .optional()
      .describe(
        "Whether an unsatisfied answer is the station's doing (then the order is reopened, 重办)",
      ),
    note: z.string().max(2000).optional(),
  })
  .refine(
    (c) =>
      !c.valid ||
      (c.contacted !== undefined && c.solved !== undefined && c.satisfaction !== undefined),
    {
      message: 'a valid callback needs contacted, solved and satisfaction',
      path: ['satisfaction'],
    },
  );
export const ReopenAction = z.object({
  expectedVersion,
  reason: z.string().trim().min(1).max(1000).describe('重办: why the order goes back'),
});

export type ReturnReason = z.infer<typeof ReturnReason>;
export type CallbackAction = z.infer<typeof CallbackAction>;
export type AcceptAction = z.infer<typeof AcceptAction>;
export type ResolveAction = z.infer<typeof ResolveAction>;
export type ReturnAction = z.infer<typeof ReturnAction>;
export type ExtensionRequestAction = z.infer<typeof ExtensionRequestAction>;
export type ExtensionDecisionAction = z.infer<typeof ExtensionDecisionAction>;
export type DispatchAction = z.infer<typeof DispatchAction>;
export type ReturnDecisionAction = z.infer<typeof ReturnDecisionAction>;

/** 催办 by hand: a supervisor urges the station holding the order; the note says what is expected. */
export const UrgeAction = z
  .object({
    expectedVersion,
    note: z.string().trim().min(1).max(1000).describe('What the station is urged to do'),
  })
  .strict();
export type UrgeAction = z.infer<typeof UrgeAction>;

/** 督办 by hand: a supervisor puts the order under supervision at a level, with a note. */
export const SuperviseAction = z
  .object({
    expectedVersion,
    note: z.string().trim().min(1).max(1000).describe('Why, and what is expected by when'),
    level: SupervisionLevel.optional().describe(
      "street or district; absent: the caller's own level (a street scope: street; otherwise district)",
    ),
  })
  .strict();
export type SuperviseAction = z.infer<typeof SuperviseAction>;

/** 重复件 by hand: a dispatcher links this order to the open order it repeats. */
export const LinkDuplicateAction = z
  .object({
    expectedVersion,
    leadId: z.string().min(1).max(64).describe('The open order this one repeats'),
    note: z.string().trim().min(1).max(1000).describe('Why the two are one matter'),
  })
  .strict();
export type LinkDuplicateAction = z.infer<typeof LinkDuplicateAction>;

/** 重复件 undone: a dispatcher unlinks a repeat; it goes to triage to be dispatched on its own. */
export const UnlinkDuplicateAction = z
  .object({
    expectedVersion,
    note: z.string().trim().min(1).max(1000).describe('Why it is a matter of its own'),
  })
  .strict();
export type UnlinkDuplicateAction = z.infer<typeof UnlinkDuplicateAction>;

/** 协办: a dispatcher asks another station (or a department) for its part of the order. */
export const RequestAssistAction = z
  .object({
    expectedVersion,
    stationId: z.string().min(1).max(64).describe('The assisting station or department'),
    note: z.string().trim().max(1000).optional().describe('What the assisting unit is asked to do'),
  })
  .strict();
/** 协办 removed before the unit reported its part. */
export const RemoveAssistAction = z
  .object({
    expectedVersion,
    stationId: z.string().min(1).max(64).describe('The assisting unit whose open part is removed'),
    note: z.string().trim().min(1).max(1000).describe('Why the part is no longer needed'),
  })
  .strict();
/** 协办 parts closed by a dispatcher without their report, so the lead can resolve. */
export const CloseAssistsAction = z
  .object({
    expectedVersion,
    stationId: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('The one unit whose open part is closed; absent: every outstanding part'),
    note: z.string().trim().min(1).max(1000).describe('Why the parts are closed without a report'),
  })
  .strict();
/** 签收 of the calling station's own 协办 part. */
export const AcceptAssistAction = z
  .object({ expectedVersion, note: z.string().trim().max(1000).optional() })
  .strict();
/** 反馈协办意见: the calling station reports its own 协办 part. */
export const ReportAssistAction = z
  .object({
    expectedVersion,
    opinion: z.string().trim().min(1).max(4000).describe('协办意见: what the unit did or found'),
  })
  .strict();
