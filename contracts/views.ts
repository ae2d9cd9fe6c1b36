// What readers get back: the order view (a fold of its events) and the station's inbox pages.
import { z } from 'zod';
import { QualityNote } from './quality.js';
import { CanonicalOrder } from './order.js';
import { RouteDecision } from './routing.js';
import { OrderEvent } from './events.js';
import { ReturnReason } from './actions.js';
import { SlaSummary, SlaTarget, SupervisionLevel } from './sla.js';

/**
 * 派单 dispatched → 签收 accepted → 响应 contacted → 办理 in_progress → 办结 resolved → 回访 closed;
 * triage waits for a dispatcher; returned: a station's 退单 waits for a dispatcher's review (退单审核);
 * duplicate: a repeat call (重复件) joined to the open order it repeats, resolved with it.
 */
export const OrderState = z.enum([
  'triage',
  'dispatched',
  'accepted',
  'contacted',
  'in_progress',
  'resolved',
  'closed',
  'returned',
  'duplicate',
]);
export type OrderState = z.infer<typeof OrderState>;

/**
 * What the SLA engine needs from the history, folded like the rest of the view and independent of
 * policy: when each target's clock started and stopped in each cycle, pauses, who held the order, and
 * which warnings were already emitted. Figures are computed from these with the policy and calendar.
 */
export const SlaFacts = z.object({
  cycle: z.number().int().min(1),
  clocks: z.array(
    z.object({
      target: SlaTarget,
      cycle: z.number().int(),
      startedAt: z.string(),
      stoppedAt: z.string().optional(),
      extendedDueAt: z.string().optional(),
    }),
  ),
  pauses: z.array(
    z.object({
      cycle: z.number().int(),
      from: z.string(),
      to: z.string().optional(),
      reason: z.string(),
    }),
  ),
  holdings: z.array(
    z.object({
      cycle: z.number().int(),
      stationId: z.string(),
      from: z.string(),
      to: z.string().optional(),
    }),
  ),
  emitted: z
    .array(z.string())
    .describe('target:cycle:threshold markers of warnings and breaches already emitted'),
});
export type SlaFacts = z.infer<typeof SlaFacts>;

export const CallbackView = z.object({
  cycle: z.number().int(),
  at: z.string(),
  valid: z.boolean(),
  contacted: z.boolean().optional(),
  solved: z.boolean().optional(),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).optional(),
  attributedToStation: z.boolean().optional(),
});

export const ExtensionView = z.object({
  status: z
    .enum(['pending', 'approved', 'denied', 'withdrawn'])
    .describe('withdrawn: the order was returned before a decision'),
  reason: z.string(),
  requestedDueAt: z.string(),
  newDueAt: z.string().optional(),
  requestedBy: z.string(),
  cycle: z.number().int().default(1),
});

/** A dispatcher's review of a return: pending until accepted (re-routed) or rejected (sent back). */
export const ReturnReview = z.object({
  status: z.enum(['pending', 'accepted', 'rejected']),
  note: z.string().optional().describe("The dispatcher's note (required on a rejection)"),
  at: z.string().optional().describe('When the dispatcher decided'),
  by: z.string().optional().describe('Who decided: the principal, or the person when logged in'),
});

/** 督办: the order's supervision so far; absent until a reminder, 催办 or escalation. */
export const SupervisionView = z.object({
  level: SupervisionLevel.optional().describe('The highest level escalated to; absent: none yet'),
  urges: z.number().int().describe('催办 notices, by policy and by hand'),
  urged: z
    .array(
      z.object({
        at: z.string(),
        by: z.string().describe("'policy', or who urged by hand"),
        note: z.string().optional().describe("The supervisor's note (a 催办 by hand)"),
        stationId: z.string().optional().describe('The station urged'),
      }),
    )
    .optional()
    .describe(
      'Each 催办 notice, for the figures (counted in its period) and the 督办记录; absent on a view folded before it was kept',
    ),
  lastAt: z.string().describe('When the last supervision event was recorded'),
  escalations: z.array(
    z.object({
      level: SupervisionLevel,
      at: z.string(),
      by: z.string().describe("'policy', or who escalated by hand"),
      note: z.string().optional(),
      stationId: z.string().optional().describe('The station holding the order then'),
    }),
  ),
});
export type SupervisionView = z.infer<typeof SupervisionView>;

/** 协办: one assisting unit's part of the order, with its own 签收 and 办结 clocks (from requestedAt). */
export const AssistView = z.object({
  part: z.number().int().min(1).describe('Position in assists, from 1'),
  stationId: z.string(),
  stationName: z.string(),
  status: z
    .enum(['requested', 'accepted', 'reported', 'closed', 'removed'])
    .describe(
      'requested: waiting for 签收; accepted: working; reported: 协办意见 in; closed by a dispatcher without it; removed before it reported',
    ),
  cycle: z.number().int(),
  requestedAt: z.string(),
  note: z.string().optional().describe("The dispatcher's request"),
  acceptedAt: z.string().optional(),
  reportedAt: z.string().optional(),
  opinion: z.string().optional().describe('协办意见'),
  endedAt: z.string().optional().describe('When a dispatcher closed or removed the part'),
  endNote: z.string().optional().describe("The dispatcher's note on closing or removing it"),
});
export type AssistView = z.infer<typeof AssistView>;

export const OrderView = z.object({
  id: z.string(),
  source: z.string(),
  externalId: z.string(),
  state: OrderState,
  version: z.number().int(),
  station: z.object({ id: z.string(), name: z.string() }).nullable(),
  route: RouteDecision,
  returns: z.array(
    z.object({
      stationId: z.string(),
      reason: ReturnReason,
      note: z.string(),
      at: z.string(),
      fromState: OrderState.optional().describe(
        'The state the order was returned from; a rejected return goes back to it',
      ),
      review: ReturnReview.optional().describe('退单审核; absent on returns from before review'),
    }),
  ),
  extensions: z.array(ExtensionView),
  result: z.string().optional(),
  paused: z.boolean().default(false),
  callbacks: z.array(CallbackView).default([]),
  supervision: SupervisionView.optional(),
  duplicateOf: z
    .string()
    .optional()
    .describe('重复件: the open order this one repeats and joined; it is handled there'),
  joinedCallers: z
    .array(
      z.object({
        orderId: z.string(),
        externalId: z.string(),
        caller: z.object({ name: z.string().optional(), phone: z.string().optional() }),
        receivedAt: z.string(),
        content: z.string(),
      }),
    )
    .optional()
    .describe('重复件: every other caller whose repeat joined this order (each is called back)'),
  assists: z
    .array(AssistView)
    .optional()
    .describe('主办/协办: the assisting units asked for their part; absent when none'),
  slaFacts: SlaFacts,
  sla: SlaSummary.optional().describe('Deadlines and status of each target, computed when read'),
  order: CanonicalOrder,
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type OrderView = z.infer<typeof OrderView>;

export const OrderPage = z.object({
  items: z.array(OrderView),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null at the end'),
});
export type OrderPage = z.infer<typeof OrderPage>;

export const Timeline = z.object({ orderId: z.string(), events: z.array(OrderEvent) });

export const Accepted = z.object({
  id: z.string().describe('Gateway id of the order'),
  status: z
    .enum(['created', 'existing'])
    .describe('existing: an earlier identical submission already made it'),
  state: OrderState,
  duplicateOf: z
    .string()
    .optional()
    .describe(
      '重复件: the open order this submission repeats and joined instead of being dispatched',
    ),
  location: z.string(),
  quality: z
    .array(QualityNote)
    .optional()
    .describe('What intake repaired or flagged in this order; absent when nothing'),
});
