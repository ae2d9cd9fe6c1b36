// An events table row and the event it stores (actor and data as JSON).
import type { OrderEvent } from '../../contracts/events.js';

export interface EventRow {
  order_id: string;
  seq: number;
  at: string;
  actor: string;
  data: string;
}

export const eventOfRow = (r: EventRow): OrderEvent => ({
  orderId: r.order_id,
  seq: r.seq,
  at: r.at,
  actor: JSON.parse(r.actor) as OrderEvent['actor'],
  data: JSON.parse(r.data) as OrderEvent['data'],
});
