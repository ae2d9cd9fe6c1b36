// Lifecycle events: the order's stream is the truth; every view is a fold over it.
import { z } from 'zod';
import { CanonicalOrder } from './order.js';
import { RouteDecision } from './routing.js';
import { ContactMethod, ReturnReason } from './actions.js';
import { SlaTarget, SupervisionLevel } from './sla.js';

export const Role = z.enum([
  'source',
  'station',
  'dispatcher',
  'auditor',
  'supervisor',
  'admin',
  'system',
]);
export type Role = z.infer<typeof Role>;

export const Actor = z.object({
  role: Role,
  id: z.string().describe('The principal: for a station, the station id'),
  account: z
    .object({ id: z.string(), name: z.string() })
    .optional()
    .describe('The person who acted, when logged in with a personal account (absent for API keys)'),
});
export type Actor = z.infer<typeof Actor>;

const note = z.string().optional();

/** 协办: which assisting part a deadline event is about (absent: the lead's own clocks). */
const AssistRef = z
  .object({
    part: z.number().int().min(1).describe("The part: its position in the order's assists, from 1"),
    stationId: z.string().describe('The assisting station (or department)'),
  })
  .describe('协办: the assisting part whose own deadline this is');

/** The payload of each event type; the envelope below adds identity, order and time. */
export const EventData = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order.received'), order: CanonicalOrder }),
  z.object({
    type: z.literal('order.dispatched'),
    stationId: z.string(),
    stationName: z.string(),
    decision: RouteDecision,
    note,
    previousStationId: z
      .string()
      .optional()
      .describe('改派: the station that held the order until now (told it was taken away)'),
  }),
  z.object({ type: z.literal('order.triaged'), decision: RouteDecision }),
  z.object({ type: z.literal('order.accepted'), note }),
  z.object({ type: z.literal('order.contacted'), method: ContactMethod.optional(), note }),
  z.object({ type: z.literal('order.work_started'), note }),
  z.object({ type: z.literal('order.resolved'), result: z.string(), reply: z.string().optional() }),
  z.object({
    type: z.literal('order.returned'),
    stationId: z.string(),
    reason: ReturnReason,
    note: z.string(),
    suggestedCode: z.string().optional(),
    awaitsReview: z
      .boolean()
      .optional()
      .describe(
        'true: the return waits for a dispatcher (退单审核). Absent on returns recorded before review existed, which went straight to triage',
      ),
  }),
  z.object({
    type: z.literal('order.return_accepted'),
    stationId: z.string().describe('The station whose return was accepted'),
    note,
  }),
  z.object({
    type: z.literal('order.return_rejected'),
    stationId: z.string().describe('The station the order goes back to: the one that returned it'),
    stationName: z.string(),
    note: z.string().describe('Why the return was rejected, for the station'),
  }),
  z.object({
    type: z.literal('order.extension_requested'),
    reason: z.string(),
    requestedDueAt: z.string(),
  }),
  z.object({
    type: z.literal('order.extension_decided'),
    approved: z.boolean(),
    newDueAt: z.string().optional(),
    note,
  }),
  z.object({ type: z.literal('order.paused'), reason: z.string() }),
  z.object({ type: z.literal('order.resumed'), note }),
  z.object({
    type: z.literal('order.callback_recorded'),
    valid: z.boolean().describe('有效回访: the citizen was reached and answered'),
    contacted: z.boolean().optional(),
    solved: z.boolean().optional(),
    satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
    attributedToStation: z.boolean().optional(),
    note,
  }),
  z.object({
    type: z.literal('order.reopened'),
    reason: z.string(),
    stationId: z.string(),
    stationName: z.string(),
  }),
  z.object({
    type: z.literal('sla.warning'),
    target: SlaTarget,
    cycle: z.number().int(),
    threshold: z.number(),
    dueAt: z.string(),
    assist: AssistRef.optional(),
  }),
  z.object({
    type: z.literal('sla.breached'),
    target: SlaTarget,
    cycle: z.number().int(),
    dueAt: z.string(),
    assist: AssistRef.optional(),
  }),
  // 重复件: on the repeat, which order it joined (or left); on the lead, which caller joined (or left).
  z.object({
    type: z.literal('order.duplicate_linked'),
    leadId: z.string().describe('The open order this one repeats'),
    reason: z.string().describe("Why: what matched, or the dispatcher's note when by hand"),
    similarity: z.number().optional().describe('Text similarity with the lead, 0..1'),
  }),
  z.object({
    type: z.literal('order.duplicate_unlinked'),
    leadId: z.string(),
    note: z.string(),
  }),
  z.object({
    type: z.literal('order.caller_joined'),
    orderId: z.string().describe('The repeat that joined this order'),
    externalId: z.string(),
    caller: z.object({ name: z.string().optional(), phone: z.string().optional() }),
    receivedAt: z.string(),
    content: z.string().describe('What this caller said'),
  }),
  z.object({ type: z.literal('order.caller_left'), orderId: z.string(), note: z.string() }),
  // 督办 (supervision): by the SLA sweeper per policy (actor system, with the target), or by hand.
  z.object({
    type: z.literal('supervision.reminded'),
    target: SlaTarget,
    cycle: z.number().int(),
    dueAt: z.string(),
    stationId: z.string().optional().describe('The station reminded: the one holding the order'),
  }),
  z.object({
    type: z.literal('supervision.urged'),
    target: SlaTarget.optional().describe('The target whose deadline passed; absent when by hand'),
    cycle: z.number().int(),
    dueAt: z.string().optional(),
    stationId: z
      .string()
      .optional()
      .describe('The station urged (催办): the one holding the order'),
    note,
  }),
  z.object({
    type: z.literal('supervision.escalated'),
    level: SupervisionLevel,
    target: SlaTarget.optional().describe('The overdue target; absent when by hand (督办)'),
    cycle: z.number().int(),
    dueAt: z.string().optional(),
    stationId: z.string().optional().describe('The station holding the order then'),
    note,
  }),
  // 主办/协办: a dispatcher asks assisting units for their part; each accepts (签收) and reports it
  // (反馈协办意见) on its own clocks; the lead resolves once every part is in or closed.
  z.object({
    type: z.literal('order.assist_requested'),
    stationId: z.string().describe('The assisting station (or department)'),
    stationName: z.string(),
    note: note.describe('What the dispatcher asks the assisting unit to do'),
  }),
  z.object({
    type: z.literal('order.assist_removed'),
    stationId: z.string(),
    note: z.string().describe('Why the part is no longer needed (before it reported)'),
  }),
  z.object({ type: z.literal('order.assist_accepted'), stationId: z.string(), note }),
  z.object({
    type: z.literal('order.assist_reported'),
    stationId: z.string(),
    opinion: z.string().describe('协办意见: what the assisting unit did or found'),
  }),
  z.object({
    type: z.literal('order.assist_closed'),
    stationId: z.string(),
    note: z.string().describe("The dispatcher's note: why the part is closed without its report"),
  }),
]);
export type EventData = z.infer<typeof EventData>;
export type EventType = EventData['type'];

export const OrderEvent = z.object({
  orderId: z.string(),
  seq: z
    .number()
    .int()
    .min(1)
    .describe('Position in the order stream, from 1; equals the order version after it'),
  at: z.iso.datetime({ offset: true }).describe('When the gateway recorded it'),
  actor: Actor,
  data: EventData,
});
export type OrderEvent = z.infer<typeof OrderEvent>;

/** An event before the store has given it a position. */
export type NewEvent = Omit<OrderEvent, 'seq'>;
