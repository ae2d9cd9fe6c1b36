// Status webhooks out: what a hotline platform subscribes to, the message it receives (Standard
// Webhooks payload shape: type, timestamp, data), and the delivery log it can inspect and replay.
import { z } from 'zod';
import { EventData, OrderEvent } from './events.js';

/** Every event type of the order stream; a subscription filters on these. */
export const EventTypeName = z.enum(
  EventData.options.map((o) => o.shape.type.value) as [EventData['type'], ...EventData['type'][]],
);
export type EventTypeName = z.infer<typeof EventTypeName>;

export const SubscriptionInput = z
  .object({
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .describe(
        'Where to POST each event; https in production. Private and loopback addresses are refused unless the operator allows them',
      ),
    eventTypes: z
      .array(EventTypeName)
      .min(1)
      .max(EventTypeName.options.length)
      .optional()
      .describe('Only these event types; absent: every event of your orders'),
    description: z.string().max(200).optional(),
  })
  .strict();
export type SubscriptionInput = z.infer<typeof SubscriptionInput>;

export const Subscription = z.object({
  id: z.string(),
  url: z.string(),
  eventTypes: z.array(EventTypeName).nullable().describe('null: every event type'),
  description: z.string().optional(),
  status: z.enum(['active', 'disabled']),
  disabledReason: z
    .string()
    .optional()
    .describe('Why deliveries stopped, e.g. the endpoint answered 410 Gone'),
  createdAt: z.string(),
});
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionCreated = Subscription.extend({
  secret: z
    .string()
    .describe('The Standard Webhooks signing secret ("whsec_…"). Shown once, here; store it now'),
});
export type SubscriptionCreated = z.infer<typeof SubscriptionCreated>;

export const SubscriptionList = z.object({ items: z.array(Subscription) });

/**
 * Push to stations: what an event means for a station subscribed to its assignments. assigned: the
 * order was dispatched (or sent back) to it; removed: re-dispatched away from it (改派); reopened: it
 * must work it again (重办); urged: a 催办 notice about an order it holds.
 */
/** assisting: asked for its 协办 part; assist_ended: that part removed or closed by a dispatcher. */
export const StationAssignment = z.enum([
  'assigned',
  'removed',
  'reopened',
  'urged',
  'assisting',
  'assist_ended',
]);
export type StationAssignment = z.infer<typeof StationAssignment>;

/** The body of every POST to a subscriber (Standard Webhooks: type, timestamp, data). */
export const WebhookMessage = z.object({
  type: EventTypeName,
  timestamp: z.string().describe('When the event was recorded'),
  data: OrderEvent.extend({
    externalId: z.string().describe("The platform's own 工单编号 of the order"),
  }),
  assignment: StationAssignment.optional().describe(
    'To a station subscribed to its assignments only: what the event means for it',
  ),
});
export type WebhookMessage = z.infer<typeof WebhookMessage>;

export const DeliveryAttempt = z.object({
  at: z.string(),
  status: z.number().int().optional().describe('HTTP status of the answer; absent when none came'),
  error: z
    .string()
    .optional()
    .describe('Why the attempt failed: timeout, refused address, connection error, HTTP status'),
  durationMs: z.number().int(),
});
export type DeliveryAttempt = z.infer<typeof DeliveryAttempt>;

export const DeliveryStatus = z.enum(['pending', 'delivered', 'dead']);
export type DeliveryStatus = z.infer<typeof DeliveryStatus>;

export const Delivery = z.object({
  id: z
    .string()
    .describe(
      'Also the webhook-id header: the same on every attempt and on replay, so receivers can deduplicate',
    ),
  subscriptionId: z.string(),
  orderId: z.string(),
  seq: z.number().int(),
  eventType: EventTypeName,
  status: DeliveryStatus,
  nextAttemptAt: z.string().optional(),
  attempts: z.array(DeliveryAttempt),
  createdAt: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const DeliveryPage = z.object({
  items: z.array(Delivery),
  nextCursor: z.string().nullable(),
});
export type DeliveryPage = z.infer<typeof DeliveryPage>;
