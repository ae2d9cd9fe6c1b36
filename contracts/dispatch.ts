// The dispatch stream contract: what a grid station whose own system speaks Kafka reads from topic
// hotline.dispatch (key = station id, so one station's messages stay in order). The JSON Schema beside
// it (dispatch.schema.json) is generated from this file: `npm run contracts:dispatch-schema`.
// Delivery is at least once: a station drops a message whose messageId it has already handled.
// Headers: `traceparent` (W3C trace context of the webhook that brought the order), `hotline-order-id`.
import { z } from 'zod';
import { CanonicalOrder } from './order.js';

export const dispatchTopic = 'hotline.dispatch';

const Common = {
  schema: z.literal('hotline.dispatch/v1'),
  messageId: z
    .string()
    .describe('`<orderId>:<seq>`: unique per event and station; the deduplication key'),
  stationId: z.string().describe('The station the message is for (also the Kafka key)'),
  orderId: z.string(),
  version: z
    .number()
    .int()
    .min(1)
    .describe('The order version after this event; act with it as expectedVersion'),
  at: z.iso.datetime({ offset: true }).describe('When the event happened'),
};

export const DispatchAssigned = z.object({
  ...Common,
  kind: z
    .literal('assigned')
    .describe('The order was routed or re-dispatched to this station (派单)'),
  stationName: z.string(),
  order: CanonicalOrder.describe(
    'The order as the station sees it in its pull (caller details included)',
  ),
});

export const DispatchReturned = z.object({
  ...Common,
  kind: z
    .literal('returned')
    .describe('This station returned the order (退单); it is no longer in its inbox'),
  reason: z.string(),
  note: z.string(),
});

export const DispatchRemoved = z.object({
  ...Common,
  kind: z
    .literal('removed')
    .describe('改派: the order was re-dispatched to another station; drop it from the inbox'),
  toStationId: z.string().describe('The station that holds the order now'),
});

export const DispatchReopened = z.object({
  ...Common,
  kind: z.literal('reopened').describe('重办: the order came back to this station for a new cycle'),
  reason: z.string(),
});

export const DispatchUrged = z.object({
  ...Common,
  kind: z.literal('urged').describe('催办: a notice about an order this station holds'),
  note: z.string().optional(),
});

export const DispatchAssisting = z.object({
  ...Common,
  kind: z
    .literal('assisting')
    .describe(
      '协办: this station (or department) is asked for its part of an order another station leads',
    ),
  stationName: z.string(),
  note: z.string().optional().describe('What the dispatcher asks the assisting unit to do'),
  order: CanonicalOrder.describe('The order as the assisting unit sees it in its pull'),
});

export const DispatchAssistEnded = z.object({
  ...Common,
  kind: z
    .literal('assist_ended')
    .describe(
      "协办: a dispatcher ended this unit's part before its report; nothing more is asked of it",
    ),
  how: z
    .enum(['removed', 'closed'])
    .describe(
      "removed: the part is withdrawn (the order leaves the unit's inbox); closed: the lead goes on without it",
    ),
  note: z.string().describe("The dispatcher's note"),
});

export const DispatchMessage = z
  .discriminatedUnion('kind', [
    DispatchAssigned,
    DispatchReturned,
    DispatchRemoved,
    DispatchReopened,
    DispatchUrged,
    DispatchAssisting,
    DispatchAssistEnded,
  ])
  .describe('A message on the hotline.dispatch topic');
export type DispatchMessage = z.infer<typeof DispatchMessage>;

/** The JSON Schema published for stations (contracts/dispatch.schema.json), generated from the Zod schema. */
export function dispatchJsonSchema(): Record<string, unknown> {
  return {
    $id: 'https://hotline-gateway.dev/schemas/hotline.dispatch/v1.json',
    ...z.toJSONSchema(DispatchMessage, { io: 'output', unrepresentable: 'any' }),
  };
}
