// The cluster order store: Kafka (hotline.order-events) is the event log, Redis holds the views,
// idempotency keys, reservations and the SLA due-time index. A write is
//   1. reserve (one Redis script: idempotency, optimistic concurrency, and a write-ahead intent),
//   2. produce the write's record to Kafka (idempotent producer, acks=-1),
//   3. commit (one Redis script, idempotent by version: view, indexes, timeline, log position),
// and only then is it acknowledged. A process dying after 1 leaves the intent, which any process
// completes later (the reconciler): it produces the same record again, a duplicate that every reader
// drops by (order id, seq). See docs/architecture.md, "Cluster mode".
import { decodeCursor, encodeCursor } from '../position-cursor.js';
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { NewEvent, OrderEvent } from '../../contracts/events.js';
import type { OrderPage, OrderView } from '../../contracts/views.js';
import { DomainError } from '../../src/domain/errors.js';
import type { Contribution } from '../../src/domain/metrics/contribution.js';
import { evolve } from '../../src/domain/lifecycle/evolve.js';
import type {
  ListQuery,
  OrderStore,
  RawRequest,
  RepairChange,
  Schedule,
  SlaIndex,
  Submission,
  SubmitOutcome,
} from '../../src/ports/order-store.js';
import { KafkaLogWriter } from './kafka-log-writer.js';
import { lastSeq, submitRecord, toMessage, type WriteRecord } from './order-record.js';
import { RedisRollups } from './redis-rollups.js';
import { defineScripts, type RunScript } from './redis-scripts.js';
import { ensureTopics, topicIsEmpty, topics } from './topics.js';
import { currentTraceHeaders } from './trace-context.js';
import { countWriteTimeout } from '../../src/telemetry/store-signals.js';
import { lastValidCallback } from '../../src/domain/lifecycle/callbacks.js';

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
  schedule?: Schedule;
  /** What a view adds to the metrics rollups (src/domain/metrics); none: no rollups kept. */
  contribute?: (view: OrderView) => Contribution[];
  /** The division code an order is counted under (auditor scopes); default: route place, then the order's code. */
  placeCode?: (view: OrderView) => string;
  /** A write not in Kafka within this time answers 503 (it still completes later). Default 10 s. */
  writeTimeoutMs?: number;
  /** Intents older than this are completed by the reconciler of any process. Default 15 s. */
  reconcileAfterMs?: number;
  /** How often the reconciler looks; 0: never (tests call reconcile()). Default 1 s. */
  reconcileEveryMs?: number;
  /** Called after the reconciler completed someone else's write (to wake long-polls). */
  onReconciled?: (view: OrderView) => void;
}

const pair = (a: string, b: string): string => JSON.stringify([a, b]);
/** 重复件 index keys name a phone by its SHA-256, so key listings and logs show no phone numbers. */
const phoneKey = (phone: string): string => createHash('sha256').update(phone).digest('hex');
export const unavailable = (detail: string): DomainError =>
  new DomainError('unavailable', detail, {}, true);

export class ClusterOrderStore implements OrderStore, SlaIndex {
  readonly prefix: string;
  readonly topic: string;
  private readonly run: RunScript;
  private readonly writer: KafkaLogWriter;
  private readonly inFlight = new Map<string, Promise<OrderView>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private reconciling: Promise<unknown> = Promise.resolve();
  private viewsReady = false;
  /** The auditors' rollups, kept by the same script that commits each view. */
  readonly metrics: RedisRollups;

  private constructor(private readonly o: ClusterStoreOptions) {
    this.prefix = o.prefix ?? 'hotline:';
    this.topic = o.topic ?? topics.orderEvents;
    this.run = defineScripts(o.redis);
    this.writer = new KafkaLogWriter(o.kafka, this.topic);
    this.metrics = new RedisRollups(o.redis, this.prefix);
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
      await ensureTopics(admin, [{ topic: store.topic, numPartitions: options.partitions ?? 12 }]);
      if (await topicIsEmpty(admin, store.topic))
        await options.redis.set(`${store.prefix}meta:ready`, '1', 'NX');
    } finally {
      await admin.disconnect();
    }
    await store.writer.connect();
    await store.refreshReady();
    const every = options.reconcileEveryMs ?? 1000;
    if (every > 0)
      store.timer = setInterval(() => {
        store.reconciling = store.reconcile().catch(() => undefined);
      }, every);
    return store;
  }

  /** False while the views are missing (Redis lost its data and no rebuild ran yet). */
  ready(): boolean {
    return this.viewsReady;
  }

  private async refreshReady(): Promise<void> {
    this.viewsReady = (await this.o.redis.exists(`${this.prefix}meta:ready`)) === 1;
  }

  private key(...parts: string[]): string {
    return this.prefix + parts.join('');
  }

  async submit(s: Submission): Promise<SubmitOutcome> {
    const rec = submitRecord(s, currentTraceHeaders());
    const idem = s.idempotencyKey === undefined ? '' : pair(s.source, s.idempotencyKey);
    const out = (await this.run('reserveSubmit', [
      this.prefix,
      s.orderId,
      pair(s.source, s.externalId),
      idem,
      s.bodyHash,
      rec.events.length,
      JSON.stringify(rec),
      Date.now(),
    ])) as string[];
    const [status, orderId = '', n] = out;
    if (status === 'not_ready')
      throw unavailable('The cluster views are being rebuilt; retry shortly');
    if (status === 'key_conflict') return { status: 'key_conflict', orderId };
    if (status === 'existing') return { status: 'existing', view: await this.settled(orderId) };
    rec.n = Number(n);
    return { status: 'created', view: await this.completeInTime(rec) };
  }

  async append(orderId: string, expectedVersion: number, events: NewEvent[]): Promise<OrderView> {
    const rec: WriteRecord = {
      v: 1,
      orderId,
      fromSeq: expectedVersion + 1,
      events: events.map((e, i) => ({ ...e, orderId, seq: expectedVersion + 1 + i })),
    };
    const trace = currentTraceHeaders();
    if (Object.keys(trace).length > 0) rec.trace = trace;
    const out = (await this.run('reserveAppend', [
      this.prefix,
      orderId,
      expectedVersion,
      events.length,
      JSON.stringify(rec),
      Date.now(),
    ])) as string[];
    const [status, detail = ''] = out;
    if (status === 'not_ready')
      throw unavailable('The cluster views are being rebuilt; retry shortly');
    if (status === 'not_found') throw new DomainError('not_found', `No order ${orderId}`);
    if (status === 'conflict' || status === 'pending') {
      const current = await this.get(orderId);
      throw new DomainError(
        'version_conflict',
        `Order ${orderId} is at version ${detail}, not ${expectedVersion}; reload and retry`,
        current ? { state: current.state } : {},
        true,
      );
    }
    return this.completeInTime(rec, JSON.parse(detail) as OrderView);
  }

  /** Steps 2 and 3; the caller hears within writeTimeoutMs, the write itself goes on to the end. */
  private completeInTime(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
    const done = this.complete(rec, base);
    const ms = this.o.writeTimeoutMs ?? 10_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(
            countWriteTimeout(
              unavailable(
                'The event log did not acknowledge the write in time; it will be applied when it does, retry to learn the outcome',
              ),
            ),
          ),
        ms,
      );
    });
    return Promise.race([done, late]).finally(() => clearTimeout(timer));
  }

  private complete(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
    const running = this.inFlight.get(rec.orderId);
    if (running) return running;
    const p = (async () => {
      try {
        await this.writer.write(toMessage(rec));
      } catch (err) {
        throw unavailable(
          `The event log refused the write: ${err instanceof Error ? err.message : String(err)}`,
        );
      }
      return this.commit(rec, base);
    })().finally(() => this.inFlight.delete(rec.orderId));
    p.catch(() => undefined); // the caller may have stopped waiting (timeout); the intent stays for the reconciler
    this.inFlight.set(rec.orderId, p);
    return p;
  }

  /** What the list filters read besides the view: computed when the view is written, as the embedded store does. */
  private derived(view: OrderView): {
    nextFireAt: number | null;
    sla: string;
    overdue: 0 | 1;
    unsatisfied: 0 | 1;
    placeCode: string;
  } {
    const sched = this.o.schedule?.(view);
    const lastValid = lastValidCallback(view);
    return {
      nextFireAt: sched?.nextFireAt ?? null,
      sla: sched ? JSON.stringify(sched.figures) : '',
      overdue: sched?.figures.some((f) => f.status === 'overdue') ? 1 : 0,
      unsatisfied: lastValid?.satisfaction === 'unsatisfied' ? 1 : 0,
      placeCode:
        this.o.placeCode?.(view) ??
        view.route.place?.code ??
        view.order.location.divisionCode ??
        '',
    };
  }

  /** Folds the record onto the view and applies it once (shared with the rebuild). */
  async commit(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
    let view: OrderView | null = rec.fromSeq === 1 ? null : (base ?? (await this.get(rec.orderId)));
    if (view !== null && view.version !== rec.fromSeq - 1)
      return this.mustGet(rec.orderId, lastSeq(rec));
    for (const e of rec.events) view = evolve(view, e);
    if (view === null) throw new Error('a write record without events');
    const d = this.derived(view);
    const s = rec.submit;
    // 重复件: the caller's phone index, written before the view (an entry whose view is not there yet
    // is skipped by the reader), so no path that commits a new order (reconciler, rebuild) misses it.
    const phone = view.order.caller.phone;
    if (rec.fromSeq === 1 && phone)
      await this.o.redis.zadd(
        this.key('idx:phone:', phoneKey(phone)),
        Date.parse(view.order.receivedAt),
        rec.orderId,
      );
    const [status, version] = (await this.run('commit', [
      this.prefix,
      rec.orderId,
      rec.fromSeq,
      lastSeq(rec),
      JSON.stringify(view),
      view.state,
      view.station?.id ?? '',
      view.source,
      d.nextFireAt ?? '',
      d.sla,
      s ? JSON.stringify(s.raw) : '',
      s ? pair(s.source, s.externalId) : '',
      s?.idempotencyKey !== undefined ? pair(s.source, s.idempotencyKey) : '',
      s?.bodyHash ?? '',
      rec.n ?? 0,
      d.overdue,
      d.unsatisfied,
      d.placeCode,
      Date.parse(view.order.receivedAt),
      this.o.contribute ? JSON.stringify(this.o.contribute(view)) : '',
      ...rec.events.map((e) => JSON.stringify(e)),
    ])) as string[];
    if (status === 'gap')
      throw unavailable(
        `The views of ${rec.orderId} are at version ${version ?? '?'}, behind the log; run views:rebuild`,
      );
    if (status === 'already') return this.mustGet(rec.orderId, lastSeq(rec));
    return view;
  }

  private async mustGet(orderId: string, atLeast: number): Promise<OrderView> {
    const view = await this.get(orderId);
    if (!view || view.version < atLeast)
      throw unavailable(`The views of ${orderId} are behind the log; run views:rebuild`);
    return view;
  }

  /** The view of an order found by idempotency; completes its write first if it is still on its way. */
  private async settled(orderId: string): Promise<OrderView> {
    for (let i = 0; i < 40; i++) {
      const view = await this.get(orderId);
      if (view) return view;
      // Give the first writer a moment (it is usually mid-flight), then do its work for it.
      if (i === 20) {
        const rec = await this.intent(orderId);
        if (rec) return this.completeInTime(rec);
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    throw unavailable(`Order ${orderId} is still being written; retry shortly`);
  }

  private async intent(orderId: string): Promise<WriteRecord | null> {
    const [raw, n] = await this.o.redis.hmget(this.key('intent:', orderId), 'rec', 'n');
    if (!raw) return null;
    const rec = JSON.parse(raw) as WriteRecord;
    return n ? { ...rec, n: Number(n) } : rec;
  }

  /**
   * Completes writes whose process died (or gave up) between the reservation and the commit:
   * produces the same record again and commits it. Safe to run in every process at once.
   */
  async reconcile(olderThanMs = this.o.reconcileAfterMs ?? 15_000): Promise<number> {
    await this.refreshReady();
    const ids = await this.o.redis.zrangebyscore(
      this.key('intents'),
      '-inf',
      Date.now() - olderThanMs,
      'LIMIT',
      0,
      100,
    );
    let done = 0;
    for (const id of ids) {
      if (this.inFlight.has(id)) continue;
      const claimed = await this.o.redis.set(this.key('claim:', id), '1', 'PX', 30_000, 'NX');
      if (claimed !== 'OK') continue;
      try {
        const rec = await this.intent(id);
        if (!rec) continue;
        const view = await this.complete(rec);
        done += 1;
        this.o.onReconciled?.(view);
      } catch {
        /* still failing: the next round tries again */
      } finally {
        await this.o.redis.del(this.key('claim:', id));
      }
    }
    return done;
  }

  async get(orderId: string): Promise<OrderView | null> {
    const raw = await this.o.redis.hget(this.key('o:', orderId), 'view');
    return raw === null ? null : (JSON.parse(raw) as OrderView);
  }

  async events(orderId: string): Promise<OrderEvent[]> {
    return (await this.o.redis.lrange(this.key('ev:', orderId), 0, -1)).map(
      (e) => JSON.parse(e) as OrderEvent,
    );
  }

  async list(query: ListQuery): Promise<OrderPage> {
    const states = query.states ?? [];
    // The narrowest index first; the script filters by the rest.
    const index =
      query.stationId !== undefined
        ? `idx:st:${query.stationId}`
        : query.source !== undefined
          ? `idx:src:${query.source}`
          : states.length === 1
            ? `idx:state:${states[0] ?? ''}`
            : 'idx:all';
    const after = query.cursor === undefined ? 0 : decodeCursor(query.cursor);
    const flat = (await this.run('listPage', [
      this.prefix,
      index,
      after,
      query.limit,
      query.stationId ?? '',
      query.source ?? '',
      states.join(','),
      query.overdue ? '1' : '',
      query.unsatisfied ? '1' : '',
      query.receivedFrom ?? '',
      query.receivedTo ?? '',
      query.placePrefix === undefined ? '-' : `=${query.placePrefix}`,
    ])) as string[];
    const rows: { n: number; view: string }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      rows.push({ n: Number(flat[i]), view: flat[i + 1] ?? '' });
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map((r) => JSON.parse(r.view) as OrderView),
      nextCursor: rows.length > query.limit && last ? encodeCursor(last.n) : null,
    };
  }

  async raw(orderId: string): Promise<RawRequest[]> {
    return (await this.o.redis.lrange(this.key('raw:', orderId), 0, -1)).map((r) => {
      const x = JSON.parse(r) as { contentType: string; receivedAt: string; body: string };
      return {
        contentType: x.contentType,
        receivedAt: x.receivedAt,
        body: new Uint8Array(Buffer.from(x.body, 'base64')),
      };
    });
  }

  /** 重复件: the caller's phone index (a sorted set by arrival time), newest first. */
  async byCallerPhone(phone: string, receivedFrom: number, limit: number): Promise<OrderView[]> {
    const ids = await this.o.redis.zrevrangebyscore(
      this.key('idx:phone:', phoneKey(phone)),
      '+inf',
      receivedFrom,
      'LIMIT',
      0,
      limit,
    );
    const views = await Promise.all(ids.map((id) => this.get(id)));
    return views.filter((v): v is OrderView => v !== null);
  }

  /**
   * The log in commit order. Kafka orders events per order (per partition) only; the global order the
   * port promises is the order in which writes reached the views, numbered by Redis in the commit.
   */
  async readLog(after: number, limit: number): Promise<{ position: number; event: OrderEvent }[]> {
    const flat = (await this.run('readLog', [this.prefix, after, limit])) as string[];
    const out: { position: number; event: OrderEvent }[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2)
      out.push({
        position: Number(flat[i]),
        event: JSON.parse(flat[i + 1] ?? 'null') as OrderEvent,
      });
    return out;
  }

  async due(nowMs: number, limit: number): Promise<string[]> {
    return this.o.redis.zrangebyscore(this.key('sla:due'), '-inf', nowMs, 'LIMIT', 0, limit);
  }

  async nextFireAt(): Promise<number | null> {
    const [, score] = await this.o.redis.zrange(this.key('sla:due'), '0', '0', 'WITHSCORES');
    return score === undefined ? null : Number(score);
  }

  /** Re-folds every order from its timeline and re-assesses it with the current schedule. */
  async repair(): Promise<{ orders: number; changes: RepairChange[] }> {
    const changes: RepairChange[] = [];
    const ids = await this.o.redis.zrange(this.key('idx:all'), '0', '-1');
    for (const id of ids) {
      const view = (await this.events(id)).reduce<OrderView | null>((v, e) => evolve(v, e), null);
      if (!view) continue;
      const before = await this.o.redis.hget(this.key('o:', id), 'sla');
      const d = this.derived(view);
      if ((before ?? '') !== d.sla)
        changes.push({
          orderId: id,
          before: before ? (JSON.parse(before) as RepairChange['before']) : [],
          after: d.sla ? (JSON.parse(d.sla) as RepairChange['after']) : [],
        });
      await this.run('reindex', [
        this.prefix,
        id,
        view.version,
        JSON.stringify(view),
        d.nextFireAt ?? '',
        d.sla,
        d.overdue,
        d.unsatisfied,
        d.placeCode,
        this.o.contribute ? JSON.stringify(this.o.contribute(view)) : '',
      ]);
    }
    return { orders: ids.length, changes };
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Writes still on their way get a moment (bounded: Kafka may be down); what is left stays as
    // intents, which another process completes.
    await Promise.race([
      Promise.allSettled([this.reconciling, ...this.inFlight.values()]),
      new Promise((r) => setTimeout(r, 2000)),
    ]);
    await this.writer.close();
  }
}
