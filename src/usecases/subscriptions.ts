// Webhook subscriptions of hotline sources and their delivery log: a source manages its own
// subscriptions and sees and replays only deliveries of its own orders (operators see all).
import type {
  Delivery,
  Subscription,
  SubscriptionCreated,
  SubscriptionInput,
} from '../../contracts/webhooks.js';
import { DomainError } from '../domain/errors.js';
import type { Principal } from './principal.js';
import type { DeliveryStore, StoredDelivery, StoredSubscription } from '../ports/delivery-store.js';
import type { Clock } from '../ports/order-store.js';
import { newId, newWebhookSecret } from '../webhooks/outbound/secret.js';
import { stationOwner } from '../webhooks/outbound/station-assignments.js';

export interface OutboundOptions {
  deliveries: DeliveryStore;
  /** Why a subscriber URL may not be used (SSRF policy), or undefined when it may. */
  checkUrl(url: URL): Promise<string | undefined>;
}

/**
 * Whose subscriptions these are: a hotline source's own id; a station's under its own key, so a
 * station subscribes to its assignments (push to stations) and never to a platform's status events.
 */
export const subscriptionOwner = (p: Principal): string =>
  p.role === 'station' ? stationOwner(p.id) : p.id;

/** At most this many subscriptions per source: each one multiplies outbound traffic. */
export const MAX_SUBSCRIPTIONS_PER_SOURCE = 20;

export function presentSubscription(s: StoredSubscription): Subscription {
  return {
    id: s.id,
    url: s.url,
    eventTypes: s.eventTypes,
    status: s.status,
    createdAt: s.createdAt,
    ...(s.description !== undefined ? { description: s.description } : {}),
    ...(s.disabledReason !== undefined ? { disabledReason: s.disabledReason } : {}),
  };
}

export async function createSubscription(
  deps: { outbound: OutboundOptions; clock: Clock },
  principal: Principal,
  input: SubscriptionInput,
): Promise<SubscriptionCreated> {
  const refusal = await deps.outbound.checkUrl(new URL(input.url));
  if (refusal !== undefined)
    throw new DomainError('validation_failed', `url: ${refusal}`, {
      zh: `不能向此地址推送：${refusal}`,
      errors: [{ path: 'url', message: refusal }],
    });
  const owner = subscriptionOwner(principal);
  const existing = await deps.outbound.deliveries.subscriptions(owner);
  if (existing.length >= MAX_SUBSCRIPTIONS_PER_SOURCE) {
    throw new DomainError(
      'validation_failed',
      `A source may have at most ${MAX_SUBSCRIPTIONS_PER_SOURCE} subscriptions; delete one first`,
      {
        zh: `每个来源最多 ${MAX_SUBSCRIPTIONS_PER_SOURCE} 个订阅，请先删除一个。`,
        errors: [{ path: '(body)', message: 'too many subscriptions' }],
      },
    );
  }
  const stored: StoredSubscription = {
    id: newId('sub'),
    source: owner,
    url: input.url,
    eventTypes: input.eventTypes ? [...new Set(input.eventTypes)] : null,
    description: input.description,
    secret: newWebhookSecret(),
    status: 'active',
    createdAt: deps.clock.now().toISOString(),
  };
  await deps.outbound.deliveries.createSubscription(stored);
  return { ...presentSubscription(stored), secret: stored.secret };
}

/** The delivery if this principal may see it; otherwise not found, revealing nothing. */
export async function visibleDelivery(deliveries: DeliveryStore, principal: Principal, id: string) {
  const d = await deliveries.get(id);
  if (!d || (principal.role !== 'admin' && d.source !== subscriptionOwner(principal)))
    throw new DomainError('not_found', `No delivery ${id}`, { zh: `没有此推送记录：${id}` });
  return d;
}

export async function replayDelivery(
  deps: { outbound: OutboundOptions; clock: Clock },
  principal: Principal,
  id: string,
): Promise<Delivery> {
  const { deliveries } = deps.outbound;
  const d = await visibleDelivery(deliveries, principal, id);
  if (d.status !== 'dead')
    throw new DomainError(
      'state_conflict',
      `Delivery ${id} is ${d.status}; only dead deliveries can be replayed`,
      { zh: '只有投递失败（dead）的推送才能重发。', state: d.status },
    );
  const sub = await deliveries.subscription(d.subscriptionId);
  if (!sub || sub.status !== 'active') {
    throw new DomainError(
      'state_conflict',
      `The subscription of delivery ${id} is disabled${sub?.disabledReason ? ` (${sub.disabledReason})` : ''}; create a new subscription`,
      { zh: '此推送所属的订阅已停用，请新建订阅。', state: 'subscription_disabled' },
    );
  }
  await deliveries.replay(id, deps.clock.now().getTime());
  const after = await deliveries.get(id);
  if (!after)
    throw new DomainError('not_found', `No delivery ${id}`, { zh: `没有此推送记录：${id}` });
  return presentDelivery(after);
}

export function presentDelivery(d: StoredDelivery): Delivery {
  return {
    id: d.id,
    subscriptionId: d.subscriptionId,
    orderId: d.orderId,
    seq: d.seq,
    eventType: d.eventType,
    status: d.status,
    ...(d.status === 'pending' ? { nextAttemptAt: new Date(d.nextAttemptAt).toISOString() } : {}),
    attempts: d.attempts,
    createdAt: d.createdAt,
  };
}
