// The order store port: the event log and the views that are folded from it.
// The embedded adapter (adapters/embedded) keeps both in one SQLite transaction; the cluster
// adapters put the log in Kafka and the views in Redis. Both pass test/contracts/order-store.contract.ts.
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderState, OrderView } from '../../contracts/views.js';

export interface RawRequest {
  contentType: string;
  body: Uint8Array;
  receivedAt: string;
}

export interface Submission {
  orderId: string;
  source: string;
  externalId: string;
  idempotencyKey?: string | undefined;
  /** Hash of the request body, so a reused Idempotency-Key with another body is caught. */
  bodyHash: string;
  raw: RawRequest;
  /** The new order's first events (order.received, then dispatched or triaged). */
  events: NewEvent[];
}

export type SubmitOutcome =
  | { status: 'created'; view: OrderView }
  | { status: 'existing'; view: OrderView }
  | { status: 'key_conflict'; orderId: string };

export interface ListQuery {
  stationId?: string | undefined;
  source?: string | undefined;
  states?: readonly OrderState[] | undefined;
  /** Opaque, from a previous page's nextCursor. */
  cursor?: string | undefined;
  limit: number;
}

export interface OrderStore {
  /** Creates the order atomically with its idempotency records and raw body, or finds the earlier one. */
  submit(submission: Submission): Promise<SubmitOutcome>;
  /** Appends to the order's stream if its version is still `expectedVersion`; else a version_conflict. */
  append(orderId: string, expectedVersion: number, events: NewEvent[]): Promise<OrderView>;
  get(orderId: string): Promise<OrderView | null>;
  events(orderId: string): Promise<OrderEvent[]>;
  list(query: ListQuery): Promise<OrderPage>;
  raw(orderId: string): Promise<RawRequest[]>;
  close(): Promise<void>;
}

/** Wakes long-polling pulls when a station's inbox changes. */
export interface InboxNotifier {
  notify(stationId: string): void;
  /** Resolves true when notified, false on timeout or abort. */
  wait(stationId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
}

export interface Clock {
  now(): Date;
}
