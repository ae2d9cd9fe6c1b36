// The cluster store's write path, in three steps, acknowledged only after the third:
//   1. reserve (one Redis script: idempotency, optimistic concurrency, and a write-ahead intent),
//   2. produce the write's record to Kafka (idempotent producer, acks=-1),
//   3. commit (one Redis script, idempotent by version: view, indexes, timeline, log position).
// A process dying after 1 leaves the intent, which the reconciler of any process completes later.
import type { NewEvent } from '../../contracts/events.js';
import type { OrderView } from '../../contracts/views.js';
import { DomainError } from '../../src/domain/errors.js';
import { evolve } from '../../src/domain/lifecycle/evolve.js';
import { assistingStations } from '../../src/domain/assists/fold.js';
import type { Projection, Submission, SubmitOutcome } from '../../src/ports/order-store.js';
import { countWriteTimeout } from '../../src/telemetry/store-signals.js';
import type { ClusterOrderQueries } from './cluster-order-queries.js';
import { keyOf, pair, phoneKey, unavailable, type ClusterKeys } from './cluster-store-keys.js';
import { clusterViewColumns } from './cluster-view-columns.js';
import type { KafkaLogWriter } from './kafka-log-writer.js';
import { lastSeq, submitRecord, toMessage, type WriteRecord } from './order-record.js';
import { currentTraceHeaders } from './trace-context.js';

export interface ClusterWriteOptions {
  project?: Projection | undefined;
  /** A write not in Kafka within this time answers 503 (it still completes later). Default 10 s. */
  writeTimeoutMs?: number | undefined;
}

export class ClusterOrderWrites {
  /** Writes this process is completing, by order id (at most one per order: see reserve). */
  readonly inFlight = new Map<string, Promise<OrderView>>();

  constructor(
    private readonly k: ClusterKeys,
    private readonly writer: KafkaLogWriter,
    private readonly reads: ClusterOrderQueries,
    private readonly o: ClusterWriteOptions,
  ) {}

  async submit(s: Submission): Promise<SubmitOutcome> {
    const rec = submitRecord(s, currentTraceHeaders());
    const idem = s.idempotencyKey === undefined ? '' : pair(s.source, s.idempotencyKey);
    const [status, orderId = '', n] = (await this.k.run('reserveSubmit', [
      this.k.prefix,
      s.orderId,
      pair(s.source, s.externalId),
      idem,
      s.bodyHash,
      rec.events.length,
      JSON.stringify(rec),
      Date.now(),
    ])) as string[];
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
    const [status, detail = ''] = (await this.k.run('reserveAppend', [
      this.k.prefix,
      orderId,
      expectedVersion,
      events.length,
      JSON.stringify(rec),
      Date.now(),
    ])) as string[];
    if (status === 'not_ready')
      throw unavailable('The cluster views are being rebuilt; retry shortly');
    if (status === 'not_found')
      throw new DomainError('not_found', `No order ${orderId}`, {
        zh: '该工单不存在，或您无权查看。',
      });
    if (status === 'conflict' || status === 'pending') {
      const current = await this.reads.get(orderId);
      throw new DomainError(
        'version_conflict',
        `Order ${orderId} is at version ${detail}, not ${expectedVersion}; reload and retry`,
        {
          zh: '其他人刚刚处理了此工单，请刷新后再试。',
          ...(current ? { state: current.state } : {}),
        },
        true,
      );
    }
    return this.completeInTime(rec, JSON.parse(detail) as OrderView);
  }

  /** Steps 2 and 3; the caller hears within writeTimeoutMs, the write itself goes on to the end. */
  private completeInTime(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
    const done = this.complete(rec, base);
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
        this.o.writeTimeoutMs ?? 10_000,
      );
    });
    return Promise.race([done, late]).finally(() => clearTimeout(timer));
  }

  /** Steps 2 and 3 of a reserved write (also the reconciler's, for an intent left behind). */
  complete(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
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

  /** Folds the record onto the view and applies it once (shared with the rebuild). */
  async commit(rec: WriteRecord, base?: OrderView): Promise<OrderView> {
    let view: OrderView | null =
      rec.fromSeq === 1 ? null : (base ?? (await this.reads.get(rec.orderId)));
    if (view !== null && view.version !== rec.fromSeq - 1)
      return this.mustGet(rec.orderId, lastSeq(rec));
    for (const e of rec.events) view = evolve(view, e);
    if (view === null) throw new Error('a write record without events');
    const c = clusterViewColumns(view, this.o.project);
    const s = rec.submit;
    // 重复件: the caller's phone index, written before the view (an entry whose view is not there yet
    // is skipped by the reader), so no path that commits a new order (reconciler, rebuild) misses it.
    const phone = view.order.caller.phone;
    if (rec.fromSeq === 1 && phone)
      await this.k.redis.zadd(
        keyOf(this.k, 'idx:phone:', phoneKey(phone)),
        Date.parse(view.order.receivedAt),
        rec.orderId,
      );
    const [status, version] = (await this.k.run('commit', [
      this.k.prefix,
      rec.orderId,
      rec.fromSeq,
      lastSeq(rec),
      JSON.stringify(view),
      view.state,
      view.station?.id ?? '',
      view.source,
      c.nextFireAt ?? '',
      c.sla,
      s ? JSON.stringify(s.raw) : '',
      s ? pair(s.source, s.externalId) : '',
      s?.idempotencyKey !== undefined ? pair(s.source, s.idempotencyKey) : '',
      s?.bodyHash ?? '',
      rec.n ?? 0,
      c.overdue,
      c.unsatisfied,
      c.placeCode,
      Date.parse(view.order.receivedAt),
      c.contributions,
      // 协办: the assisting stations' inbox index (idx:as:<station>), kept by the script.
      assistingStations(view).join(','),
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
    const view = await this.reads.get(orderId);
    if (!view || view.version < atLeast)
      throw unavailable(`The views of ${orderId} are behind the log; run views:rebuild`);
    return view;
  }

  /** The view of an order found by idempotency; completes its write first if it is still on its way. */
  private async settled(orderId: string): Promise<OrderView> {
    for (let i = 0; i < 40; i++) {
      const view = await this.reads.get(orderId);
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

  /** The write-ahead intent of an order's reserved write, if one is open. */
  async intent(orderId: string): Promise<WriteRecord | null> {
    const [raw, n] = await this.k.redis.hmget(keyOf(this.k, 'intent:', orderId), 'rec', 'n');
    if (!raw) return null;
    const rec = JSON.parse(raw) as WriteRecord;
    return n ? { ...rec, n: Number(n) } : rec;
  }
}
