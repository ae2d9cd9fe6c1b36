// What readers get back: the order view (a fold of its events) and the station's inbox pages.
import { z } from 'zod';
import { CanonicalOrder } from './order.js';
import { RouteDecision } from './routing.js';
import { OrderEvent } from './events.js';
import { ReturnReason } from './actions.js';

/** 派单 dispatched → 签收 accepted → 响应 contacted → 办理 in_progress → 办结 resolved; triage waits for a dispatcher. */
export const OrderState = z.enum(['triage', 'dispatched', 'accepted', 'contacted', 'in_progress', 'resolved']);
export type OrderState = z.infer<typeof OrderState>;

export const ExtensionView = z.object({
  status: z.enum(['pending', 'approved', 'denied', 'withdrawn']).describe('withdrawn: the order was returned before a decision'),
  reason: z.string(),
  requestedDueAt: z.string(),
  newDueAt: z.string().optional(),
  requestedBy: z.string(),
});

export const OrderView = z.object({
  id: z.string(),
  source: z.string(),
  externalId: z.string(),
  state: OrderState,
  version: z.number().int(),
  station: z.object({ id: z.string(), name: z.string() }).nullable(),
  route: RouteDecision,
  returns: z.array(z.object({ stationId: z.string(), reason: ReturnReason, note: z.string(), at: z.string() })),
  extensions: z.array(ExtensionView),
  result: z.string().optional(),
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
  status: z.enum(['created', 'existing']).describe('existing: an earlier identical submission already made it'),
  state: OrderState,
  location: z.string(),
});
