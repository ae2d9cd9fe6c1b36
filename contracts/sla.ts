// SLA contracts: the policy (operator configuration), the working calendar (operator data), and the
// figures every order carries for its four targets: 签收 accept, 响应 respond, 办结 resolve, 回访 callback.
import { z } from 'zod';
import { RequestType, Urgency } from './order.js';

export const SlaTarget = z.enum(['accept', 'respond', 'resolve', 'callback']);
export type SlaTarget = z.infer<typeof SlaTarget>;

/**
 * Which clock a target runs on. clock_hours: 24/7. working_days: whole working days counted from the
 * day after the start (DOMAIN.md), due at 24:00 of the last one. working_hours: office hours of
 * working days only.
 */
export const SlaClock = z.enum(['clock_hours', 'working_days', 'working_hours']);
export type SlaClock = z.infer<typeof SlaClock>;

export const TargetSpec = z.object({
  amount: z.number().positive(),
  clock: SlaClock,
  /** Shares of the allowed time at which a warning (yellow/red light) is emitted; the breach is at 1. */
  warnAt: z.array(z.number().gt(0).lt(1)).default([0.5, 0.75]),
  /** Whether a pause (挂起) stops this clock. */
  pausable: z.boolean().default(false),
});
export type TargetSpec = z.infer<typeof TargetSpec>;

export const SlaRule = z.object({
  id: z.string().min(1),
  description: z.string().optional(),
  /** Empty match fields match anything; the most specific matching rule wins (topic depth, then urgency, then type). */
  match: z
    .object({
      urgency: z.array(Urgency).optional(),
      type: z.array(RequestType).optional(),
      topicPrefix: z.array(z.string()).optional(),
    })
    .default({}),
  targets: z.object({
    accept: TargetSpec.optional(),
    respond: TargetSpec.optional(),
    resolve: TargetSpec.optional(),
    callback: TargetSpec.optional(),
  }),
});
export type SlaRule = z.infer<typeof SlaRule>;

/** 督办 levels: the street's (街道) and then the district's (区) supervisors. */
export const SupervisionLevel = z.enum(['street', 'district']);
export type SupervisionLevel = z.infer<typeof SupervisionLevel>;

/** An amount of time on one of the clocks, e.g. 1 working day or 4 clock hours. */
export const SlaDelay = z.object({ amount: z.number().positive(), clock: SlaClock });
export type SlaDelay = z.infer<typeof SlaDelay>;

/**
 * 督办 (supervision): what happens around a supervised target's deadline, each an event emitted once by
 * the SLA sweeper. A reminder (提醒) to the station before the due time, a 催办 notice when it passes,
 * then escalation to the street's supervisor and later to the district's while the target stays open.
 */
export const SupervisionPolicy = z.object({
  targets: z
    .array(SlaTarget)
    .min(1)
    .default(['resolve'])
    .describe('The targets supervised; others only get the warnings and the breach'),
  remindBeforeHours: z
    .number()
    .positive()
    .optional()
    .describe('提醒: clock hours before the due time; absent: no reminder'),
  urgeAtDue: z
    .boolean()
    .default(true)
    .describe('催办: a notice to the station when the due time passes'),
  escalateToStreetAfter: SlaDelay.optional().describe(
    "升级督办 to the street's supervisor, this long after the due time; absent: never",
  ),
  escalateToDistrictAfter: SlaDelay.optional().describe(
    "升级督办 to the district's supervisor, this long after the street escalation (after the due time when there is none)",
  ),
});
export type SupervisionPolicy = z.infer<typeof SupervisionPolicy>;

/**
 * 重复件 (同人同事): a new order from the same caller's phone, about the same matter (topic and text),
 * at the same resolved place, within the window, joins the open order it repeats instead of being
 * dispatched again. Cities use days to weeks; absent: no matching.
 */
export const DuplicatePolicy = z.object({
  windowDays: z
    .number()
    .positive()
    .max(366)
    .describe('How far back an open order can be repeated (days, clock time)'),
  minSimilarity: z
    .number()
    .min(0)
    .max(1)
    .default(0.35)
    .describe('Least text similarity of title + content (character-bigram Dice, 0..1) to link'),
});
export type DuplicatePolicy = z.infer<typeof DuplicatePolicy>;

export const SlaPolicy = z.object({
  version: z
    .string()
    .min(1)
    .describe('Recorded with every figure, so a repair can say what changed'),
  workingHours: z
    .array(
      z.object({ from: z.string().regex(/^\d{2}:\d{2}$/), to: z.string().regex(/^\d{2}:\d{2}$/) }),
    )
    .default([
      { from: '09:00', to: '12:00' },
      { from: '13:30', to: '17:30' },
    ]),
  rules: z.array(SlaRule).min(1),
  /**
   * 退单审核: how the time a return waited for review counts when the dispatcher rejects it and the
   * order goes back to the station. counts (the default): every clock kept running, a wrongful
   * return buys no time. excluded: the review time is taken off every clock of that cycle, like a
   * pause that applies to every target. Absent: counts. Accepted returns are not affected.
   */
  rejectedReturn: z
    .object({ reviewTime: z.enum(['counts', 'excluded']).default('counts') })
    .optional(),
  /** 督办: reminders, 催办 and escalation around deadlines; absent: none (warnings and breaches only). */
  supervision: SupervisionPolicy.optional(),
  /** 重复件: linking repeat calls to the open order they repeat; absent: none. */
  duplicates: DuplicatePolicy.optional(),
  /**
   * 协办: an assisting unit's own 签收 (accept) and 办结 (resolve, its report) deadlines, counted from
   * when the dispatcher asked for its part. A target absent here (or the whole entry absent) uses
   * the order's own rule's target of that name. The lead's pauses do not stop them.
   */
  assists: z.object({ accept: TargetSpec.optional(), resolve: TargetSpec.optional() }).optional(),
});
export type SlaPolicy = z.infer<typeof SlaPolicy>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD');

/** Official holidays and make-up working days (调休), per year, from the State Council notices. */
export const WorkingCalendar = z.object({
  timeZone: z.literal('Asia/Shanghai').default('Asia/Shanghai'),
  utcOffsetMinutes: z.number().int().default(480),
  years: z.record(
    z.string().regex(/^\d{4}$/),
    z.object({
      source: z.string().optional(),
      holidays: z.array(isoDate),
      workdays: z.array(isoDate),
    }),
  ),
});
export type WorkingCalendar = z.infer<typeof WorkingCalendar>;

export const SlaStatus = z.enum(['on_track', 'warning', 'breached', 'met', 'paused']);

export const SlaFigure = z.object({
  target: SlaTarget,
  cycle: z.number().int().min(1),
  rule: z.string().describe('The policy rule that set this target'),
  clock: SlaClock,
  startedAt: z.string(),
  stoppedAt: z.string().optional(),
  dueAt: z
    .string()
    .describe('Moved by pauses where the target allows and by an approved extension'),
  status: SlaStatus,
  met: z.boolean().optional().describe('For stopped targets: stopped by the due time'),
  timeLeftSeconds: z.number().int().describe('Negative when overdue'),
  usedShare: z.number().describe('Share of the allowed time used, 1 = due'),
  elapsedWorkingSeconds: z.number().int().describe('Elapsed on the target clock, pauses excluded'),
  uncertain: z
    .boolean()
    .describe('The calendar lacks a year this deadline needs; weekends only were used'),
  pausable: z
    .boolean()
    .optional()
    .describe('Present and true when a pause (挂起) stops this clock under the policy rule'),
  holdings: z
    .array(z.object({ stationId: z.string(), from: z.string(), to: z.string().optional() }))
    .describe('Which station held the order, for how long'),
});
export type SlaFigure = z.infer<typeof SlaFigure>;

export const SlaSummary = z.object({
  policyVersion: z.string(),
  cycle: z.number().int(),
  figures: z.array(SlaFigure),
  assists: z
    .array(z.object({ part: z.number().int(), stationId: z.string(), figures: z.array(SlaFigure) }))
    .optional()
    .describe("协办: each assisting part's own 签收 and 办结 figures (removed parts have none)"),
});
export type SlaSummary = z.infer<typeof SlaSummary>;
