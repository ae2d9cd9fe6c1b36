// The outbound delivery port: subscriptions, the projection's checkpoint in the order log, and the
// pending deliveries with their attempts. Pending work lives here, never only in memory, so a
// restart resumes where it stopped. Adapters pass test/contracts/delivery-store.contract.ts.
import type {
  DeliveryAttempt,
  DeliveryPage,
  DeliveryStatus,
  EventTypeName,
} from '../../contracts/webhooks.js';

export interface StoredSubscription {
  id: string;
  /** The hotline source (principal id) that owns it; it receives events of its own orders only. */
  source: string;
  url: string;
  eventTypes: EventTypeName[] | null;
  description?: string | undefined;
  /** The signing secret ("whsec_…"); needed to sign, so kept, never presented after creation. */
  secret: string;
  status: 'active' | 'disabled';
  disabledReason?: string | undefined;
  createdAt: string;
}

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  orderId: string;
  seq: number;
  eventType: EventTypeName;
  /** The exact JSON body, frozen when the event was projected. */
  payload: string;
  createdAt: string;
  nextAttemptAt: number;
}

export interface StoredDelivery extends NewDelivery {
  source: string;
  status: DeliveryStatus;
  attempts: DeliveryAttempt[];
}

/** What happened to one attempt, and so what the delivery becomes. */
export type AttemptOutcome =
  | { status: 'delivered' }
  | { status: 'pending'; nextAttemptAt: number }
  | { status: 'dead' }
  /** The endpoint said 410 Gone: the subscription is disabled and its pending deliveries die. */
  | { status: 'gone'; reason: string };

export interface DeliveryQuery {
  /** Only this source's deliveries; undefined: all (operators). */
  source?: string | undefined;
  status?: DeliveryStatus | undefined;
  orderId?: string | undefined;
  cursor?: string | undefined;
  limit: number;
}

export interface DeliveryStore {
  createSubscription(sub: StoredSubscription): Promise<void>;
  subscription(id: string): Promise<StoredSubscription | null>;
  /** A source's subscriptions; undefined: every subscription (the projection). */
  subscriptions(source?: string): Promise<StoredSubscription[]>;
  /** Removes it with its deliveries; false when the source has no such subscription. */
  deleteSubscription(source: string, id: string): Promise<boolean>;

  /** The position in the order log up to which events have been projected into deliveries. */
  checkpoint(): Promise<number>;
  /** Adds deliveries and moves the checkpoint in one transaction, so no event is projected twice or lost. */
  enqueue(deliveries: NewDelivery[], checkpoint: number): Promise<void>;

  /**
   * Pending deliveries due at `nowMs` that head their lane (subscription, order): a later event of
   * an order waits until every earlier one is delivered or dead.
   */
  due(nowMs: number, limit: number): Promise<StoredDelivery[]>;
  /** The earliest next attempt of any pending delivery, null when none. */
  nextDueAt(): Promise<number | null>;
  recordAttempt(id: string, attempt: DeliveryAttempt, outcome: AttemptOutcome): Promise<void>;

  get(id: string): Promise<StoredDelivery | null>;
  list(query: DeliveryQuery): Promise<DeliveryPage>;
  /** A dead delivery becomes pending again, due at `nowMs`, keeping its attempts log. */
  replay(id: string, nowMs: number): Promise<void>;
  close(): Promise<void>;
}
