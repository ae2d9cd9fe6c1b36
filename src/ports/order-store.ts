// The order store port: the event log and the views that are folded from it.
// The embedded adapter (adapters/embedded) keeps both in one SQLite transaction; the cluster
// adapters put the log in Kafka and the views in Redis. Both pass test/contracts/order-store.contract.ts.
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderState, OrderView } from '../../contracts/views.js';
import type { Contribution } from '../domain/metrics/contribution.js';

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
  /** With stationId: also the orders the station assists (协办), not only those it leads. */
  assisting?: boolean | undefined;
  source?: string | undefined;
  states?: readonly OrderState[] | undefined;
  /** Only orders with an open SLA target past its due time. */
  overdue?: boolean | undefined;
  /** Only orders received at or after / before these instants (ms since epoch). */
  receivedFrom?: number | undefined;
  receivedTo?: number | undefined;
  /** Only orders whose last valid callback was unsatisfied. */
  unsatisfied?: boolean | undefined;
  /** Only orders counted under division codes starting with this (auditor scopes). */
  placePrefix?: string | undefined;
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
  /**
   * 重复件: the orders whose caller has this (normalised) phone, received at or after `receivedFrom`
   * (ms since epoch), newest first, at most `limit`. An index lookup, so intake stays fast.
   */
  byCallerPhone(phone: string, receivedFrom: number, limit: number): Promise<OrderView[]>;
  /**
   * The log in commit order, for projections that follow it (outbound webhooks, rollups, a rebuild):
   * events after position `after` (0: from the start), at most `limit`, each with its position.
   */
  readLog(after: number, limit: number): Promise<{ position: number; event: OrderEvent }[]>;
  close(): Promise<void>;
}

/** The SLA figures as stored for repair reports and overdue lists: target, cycle, status and due time. */
export interface StoredFigure {
  target: string;
  cycle: number;
  /** open, met, late (stopped after the due time) or overdue (still open after it). */
  status: 'open' | 'met' | 'late' | 'overdue';
  dueAt: string;
}

/** What a store keeps beside one view, worked out once per write (see Projection). */
export interface Projected {
  /** The earliest instant a warning or breach is due (null: nothing to emit): the SLA index. */
  nextFireAt: number | null;
  /** The SLA figures as assessed now (overdue lists, repair reports). */
  figures: StoredFigure[];
  /** What the view adds to the auditors' rollups; absent: no rollups kept. */
  contributions?: Contribution[];
  /** The division code the order is counted and scoped under; absent: its routed place's. */
  placeCode?: string;
}

/**
 * How a store derives what it keeps beside each view, from the view alone. Supplied once by the
 * wiring (policy, calendar, places, assessment config), so a write calls back into the core once.
 */
export type Projection = (view: OrderView) => Projected;

export interface RepairChange {
  orderId: string;
  before: StoredFigure[];
  after: StoredFigure[];
}

/** The due-time index the SLA sweeper reads: cost per tick grows with what is due, not with open orders. */
export interface SlaIndex {
  due(nowMs: number, limit: number): Promise<string[]>;
  nextFireAt(): Promise<number | null>;
  repair(): Promise<{ orders: number; changes: RepairChange[] }>;
  /**
   * Optional (the embedded store has it): re-sums only the metrics rollups from the stored views,
   * for a change of the assessment configuration alone (it moves no view, figure or due time).
   */
  rebuildRollups?(): Promise<{ orders: number }>;
  /**
   * Optional (the embedded store has it): for each order, read its view, ask `decide` for the
   * events due now and append them, all in one transaction with no second read and no version race.
   * Orders that failed are reported, the others are committed. Without it the sweeper reads and
   * appends order by order.
   */
  emitDue?(
    ids: readonly string[],
    decide: (view: OrderView) => NewEvent[],
  ): Promise<{ emitted: number; failed: { orderId: string; error: Error }[] }>;
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
