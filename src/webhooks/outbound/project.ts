// The outbound projection: follows the order log from its checkpoint and turns each event into one
// delivery per matching subscription (the order's own source, an event type it asked for, recorded
// after it subscribed). Deliveries and the new checkpoint are written together, so a crash between
// two batches neither loses nor doubles an event.
import type { WebhookMessage } from '../../../contracts/webhooks.js';
import type { DeliveryStore, NewDelivery, StoredSubscription } from '../../ports/delivery-store.js';
import type { Clock, OrderStore } from '../../ports/order-store.js';
import { newId } from './secret.js';
import { stationOwner, stationTargets } from './station-assignments.js';

export interface ProjectDeps {
  orders: Pick<OrderStore, 'readLog' | 'get'>;
  deliveries: DeliveryStore;
  clock: Clock;
}

/** Projects one batch; returns how many log entries it consumed (0: caught up). */
export async function projectDeliveries(deps: ProjectDeps, batch = 500): Promise<number> {
  const after = await deps.deliveries.checkpoint();
  const log = await deps.orders.readLog(after, batch);
  const last = log.at(-1);
  if (!last) return 0;
  const bySource = new Map<string, StoredSubscription[]>();
  for (const s of await deps.deliveries.subscriptions()) {
    if (s.status === 'active') bySource.set(s.source, [...(bySource.get(s.source) ?? []), s]);
  }
  const orders = new Map<string, { source: string; externalId: string } | null>();
  const now = deps.clock.now();
  const out: NewDelivery[] = [];
  for (const { event } of log) {
    let order = orders.get(event.orderId);
    if (order === undefined) {
      const view = await deps.orders.get(event.orderId);
      order = view ? { source: view.source, externalId: view.externalId } : null;
      orders.set(event.orderId, order);
    }
    if (!order) continue;
    // The order's platform (status), then the stations the event concerns (their assignments).
    const targets = [
      ...(bySource.get(order.source) ?? []).map((sub) => ({ sub, assignment: undefined })),
      ...stationTargets(event).flatMap((t) =>
        (bySource.get(stationOwner(t.stationId)) ?? []).map((sub) => ({
          sub,
          assignment: t.assignment,
        })),
      ),
    ];
    for (const { sub, assignment } of targets) {
      if (Date.parse(event.at) < Date.parse(sub.createdAt)) continue;
      if (sub.eventTypes !== null && !sub.eventTypes.includes(event.data.type)) continue;
      const message: WebhookMessage = {
        type: event.data.type,
        timestamp: event.at,
        data: { ...event, externalId: order.externalId },
        ...(assignment !== undefined ? { assignment } : {}),
      };
      out.push({
        id: newId('msg'),
        subscriptionId: sub.id,
        orderId: event.orderId,
        seq: event.seq,
        eventType: event.data.type,
        payload: JSON.stringify(message),
        createdAt: now.toISOString(),
        nextAttemptAt: now.getTime(),
      });
    }
  }
  await deps.deliveries.enqueue(out, last.position);
  return log.length;
}
