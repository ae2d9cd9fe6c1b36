// The cluster order store: Kafka (hotline.order-events) is the event log, Redis holds the views,
// idempotency keys, reservations and the SLA due-time index. A write is reserved in Redis, produced
// to Kafka and committed to the views, and only then acknowledged; see docs/architecture.md,
// "Cluster mode". This file connects and puts the parts together, one job each:
//   cluster-order-writes.ts   the three steps of a write (and the commit the rebuild shares)
//   cluster-reconciler.ts     completing writes a process left half done
//   cluster-readiness.ts      whether the views may be used (rebuild pending or not)
//   cluster-order-queries.ts  reads: one order, timeline, raw bytes, lists, phone index, the log
//   cluster-sla-index.ts      due orders and the next fire time
//   cluster-repair.ts         re-assessing every order after a policy change
//   cluster-view-columns.ts   what is kept beside a view, from the wiring's projection
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderView } from '../../contracts/views.js';
import type {
  ListQuery,
  OrderStore,
  Projection,
  RawRequest,
  RepairChange,
  SlaIndex,
  Submission,
  SubmitOutcome,
} from '../../src/ports/order-store.js';
import { ClusterOrderQueries } from './cluster-order-queries.js';
import { ClusterOrderWrites } from './cluster-order-writes.js';
import { ClusterReadiness } from './cluster-readiness.js';
import { ClusterReconciler } from './cluster-reconciler.js';
import { repairClusterOrders } from './cluster-repair.js';
import { ClusterSlaIndex } from './cluster-sla-index.js';
import type { ClusterKeys } from './cluster-store-keys.js';
import { KafkaLogWriter } from './kafka-log-writer.js';
import type { WriteRecord } from './order-record.js';
import { RedisRollups } from './redis-rollups.js';
import { defineScripts } from './redis-scripts.js';
import { topics } from './topics.js';

export interface ClusterStoreOptions {
  kafka: Kafka;
  /** A connected ioredis client; the store uses it and closes nothing it did not open. */
  redis: Redis;
  /** Key prefix, so several gateways (or tests) can share one Redis. Default 'hotline:'. */
  prefix?: string;
  /** Default hotline.order-events. */
  topic?: string;
  /** Partitions when the store creates the topic. */
  partitions?: number;
  /**
   * What is kept beside each view (SLA index entry, rollup contribution, place code), from the
   * wiring (src/usecases/store-projection.ts); none: no SLA index, no rollups.
   */
  project?: Projection;
  /** A write not in Kafka within this time answers 503 (it still completes later). Default 10 s. */
  writeTimeoutMs?: number;
  /** Intents older than this are completed by the reconciler of any process. Default 15 s. */
  reconcileAfterMs?: number;
  /** How often the reconciler looks; 0: never (tests call reconcile()). Default 1 s. */
  reconcileEveryMs?: number;
  /** Called after the reconciler completed someone else's write (to wake long-polls). */
  onReconciled?: (view: OrderView) => void;
}

export class ClusterOrderStore implements OrderStore, SlaIndex {
  readonly prefix: string;
  readonly topic: string;
  /** The auditors' rollups, kept by the same script that commits each view. */
  readonly metrics: RedisRollups;
  private readonly k: ClusterKeys;
  private readonly writer: KafkaLogWriter;
  private readonly queries: ClusterOrderQueries;
  private readonly writes: ClusterOrderWrites;
  private readonly readiness: ClusterReadiness;
  private readonly reconciler: ClusterReconciler;
  private readonly slaIndex: ClusterSlaIndex;

  private constructor(private readonly o: ClusterStoreOptions) {
    this.prefix = o.prefix ?? 'hotline:';
    this.topic = o.topic ?? topics.orderEvents;
    this.k = { redis: o.redis, run: defineScripts(o.redis), prefix: this.prefix };
    this.writer = new KafkaLogWriter(o.kafka, this.topic);
    this.metrics = new RedisRollups(o.redis, this.prefix);
    this.queries = new ClusterOrderQueries(this.k);
    this.writes = new ClusterOrderWrites(this.k, this.writer, this.queries, o);
    this.readiness = new ClusterReadiness(this.k);
    this.reconciler = new ClusterReconciler(this.k, this.writes, this.readiness, o);
    this.slaIndex = new ClusterSlaIndex(this.k);
  }

  /**
   * Connects, creates the topic if missing, and marks the views usable when both the log and the
   * views are empty (a new cluster). Views missing while the log is not empty (Redis lost its data)
   * keep writes refused until `npm run views:rebuild`.
   */
  static async open(options: ClusterStoreOptions): Promise<ClusterOrderStore> {
    const store = new ClusterOrderStore(options);
    const admin = options.kafka.admin();
    await admin.connect();
    try {
      await store.readiness.prepare(admin, store.topic, options.partitions ?? 12);
    } finally {
      await admin.disconnect();
    }
    await store.writer.connect();
    await store.readiness.refresh();
    store.reconciler.start(options.reconcileEveryMs ?? 1000);
    return store;
  }

  /** False while the views are missing (Redis lost its data and no rebuild ran yet). */
  ready(): boolean {
    return this.readiness.ready();
  }

  submit(s: Submission): Promise<SubmitOutcome> {
    return this.writes.submit(s);
  }

  append(orderId: string, expectedVersion: number, events: NewEvent[]): Promise<OrderView> {
    return this.writes.append(orderId, expectedVersion, events);
  }

  /** Folds the record onto the view and applies it once (shared with the rebuild). */
  commit(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
    return this.writes.commit(rec, base);
  }

  /** Completes writes left half done (see cluster-reconciler.ts); safe in every process at once. */
  reconcile(olderThanMs?: number): Promise<number> {
    return this.reconciler.reconcile(olderThanMs);
  }

  get(orderId: string): Promise<OrderView | null> {
    return this.queries.get(orderId);
  }

  events(orderId: string): Promise<OrderEvent[]> {
    return this.queries.events(orderId);
  }

  list(query: ListQuery): Promise<OrderPage> {
    return this.queries.list(query);
  }

  raw(orderId: string): Promise<RawRequest[]> {
    return this.queries.raw(orderId);
  }

  byCallerPhone(phone: string, receivedFrom: number, limit: number): Promise<OrderView[]> {
    return this.queries.byCallerPhone(phone, receivedFrom, limit);
  }

  readLog(after: number, limit: number): Promise<{ position: number; event: OrderEvent }[]> {
    return this.queries.readLog(after, limit);
  }

  due(nowMs: number, limit: number): Promise<string[]> {
    return this.slaIndex.due(nowMs, limit);
  }

  nextFireAt(): Promise<number | null> {
    return this.slaIndex.nextFireAt();
  }

  /** Re-folds every order from its timeline and re-assesses it with the current projection. */
  repair(): Promise<{ orders: number; changes: RepairChange[] }> {
    return repairClusterOrders(this.k, this.queries, this.o.project);
  }

  async close(): Promise<void> {
    this.reconciler.stop();
    // Writes still on their way get a moment (bounded: Kafka may be down); what is left stays as
    // intents, which another process completes.
    await Promise.race([
      Promise.allSettled([this.reconciler.running, ...this.writes.inFlight.values()]),
      new Promise((r) => setTimeout(r, 2000)),
    ]);
    await this.writer.close();
  }
}
