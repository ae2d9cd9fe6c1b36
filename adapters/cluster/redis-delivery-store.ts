// The cluster delivery store: status webhook subscriptions, the projection's checkpoint and the
// pending deliveries in Redis, shared by every gateway process, so any process delivers and a
// process's death loses nothing. It keeps the DeliveryStore contract of the embedded store
// (test/contracts/delivery-store.contract.ts) and adds what several processes need:
// - exactly-once projection: every process may project the same log batch; a delivery is unique per
//   (subscription, order, seq) and the checkpoint only moves forward, in one script;
// - one attempt at a time: due() leases the lane heads it returns to this process (owner id, expiry);
//   another process skips them until the lease runs out (the owner died), and an attempt reported
//   by an owner whose lease was taken over is dropped;
// - signing secrets sealed at rest (src/webhooks/secret-box.ts), as in the SQLite store.
// The scripts and the key layout: redis-delivery-scripts.ts.
import { hostname } from 'node:os';
import type { Redis } from 'ioredis';
import type {
  Delivery,
  DeliveryAttempt,
  DeliveryPage,
  DeliveryStatus,
  EventTypeName,
} from '../../contracts/webhooks.js';
import { DomainError } from '../../src/domain/errors.js';
import type {
  AttemptOutcome,
  DeliveryQuery,
  DeliveryStore,
  NewDelivery,
  StoredDelivery,
  StoredSubscription,
} from '../../src/ports/delivery-store.js';
import type { SecretBox } from '../../src/webhooks/secret-box.js';
import { defineDeliveryScripts, type RunDeliveryScript } from './redis-delivery-scripts.js';

export interface RedisDeliveryStoreOptions {
  /** A connected ioredis client; the store closes nothing it did not open. */
  redis: Redis;
  /** Key prefix of the delivery keys. Default 'hotline:wh:'. */
  prefix?: string;
  /** Seals and opens the signing secrets. */
  secrets: SecretBox;
  /** How long a leased delivery is held for its owner: longer than one attempt can take. Default 60 s. */
  leaseMs?: number;
  /** Names this process in leases; default host:pid:random. */
  owner?: string;
  /**
   * The order log the projection follows (cluster mode): its readiness key and a marker key the
   * views' rebuild deletes when it renumbers the log. Without it (tests) the checkpoint is plain.
   */
  logGuard?: { readyKey: string; markerKey: string };
}

const FIELDS = [
  'id',
  'sub',
  'src',
  'ord',
  'seq',
  'type',
  'payload',
  'status',
  'next',
  'attempts',
  'created',
] as const;

const badCursor = () =>
  new DomainError('validation_failed', 'Invalid cursor', {
    zh: '翻页位置无效，请从第一页重新查看。',
    errors: [{ path: 'query.cursor', message: 'not a cursor this gateway issued' }],
  });

const unavailable = (detail: string) =>
  new DomainError('unavailable', detail, { zh: '服务暂时不可用，请稍后重试。' }, true);

function toStored(row: Record<(typeof FIELDS)[number], string>): StoredDelivery {
  return {
    id: row.id,
    subscriptionId: row.sub,
    source: row.src,
    orderId: row.ord,
    seq: Number(row.seq),
    eventType: row.type as EventTypeName,
    payload: row.payload,
    status: row.status as DeliveryStatus,
    nextAttemptAt: row.next === '' ? 0 : Number(row.next),
    attempts: JSON.parse(row.attempts) as DeliveryAttempt[],
    createdAt: row.created,
  };
}

export class RedisDeliveryStore implements DeliveryStore {
  private readonly redis: Redis;
  private readonly w: string;
  private readonly box: SecretBox;
  private readonly run: RunDeliveryScript;
  private readonly leaseMs: number;
  /** This process's name in leases. */
  readonly owner: string;
  /** The log numbering the last checkpoint() read counts in (log guard only). */
  private epoch = '';

  constructor(private readonly o: RedisDeliveryStoreOptions) {
    this.redis = o.redis;
    this.w = o.prefix ?? 'hotline:wh:';
    this.box = o.secrets;
    this.run = defineDeliveryScripts(o.redis);
    this.leaseMs = o.leaseMs ?? 60_000;
    this.owner =
      o.owner ??
      `${hostname()}:${process.pid}:${Buffer.from(crypto.getRandomValues(new Uint8Array(6))).toString('hex')}`;
  }

  private k(...parts: string[]): string {
    return this.w + parts.join('');
  }

  async createSubscription(s: StoredSubscription): Promise<void> {
    await this.redis
      .multi()
      .hset(this.k('sub:', s.id), {
        id: s.id,
        source: s.source,
        url: s.url,
        types: JSON.stringify(s.eventTypes),
        desc: s.description === undefined ? '' : JSON.stringify(s.description),
        secret: this.box.seal(s.secret, s.id),
        status: s.status,
        reason: s.disabledReason ?? '',
        created: s.createdAt,
      })
      .zadd(this.k('subs'), Date.parse(s.createdAt), s.id)
      .zadd(this.k('subs:', s.source), Date.parse(s.createdAt), s.id)
      .exec();
  }

  private toSub(h: Record<string, string>): StoredSubscription {
    const id = h.id ?? '';
    return {
      id,
      source: h.source ?? '',
      url: h.url ?? '',
      eventTypes: JSON.parse(h.types ?? 'null') as EventTypeName[] | null,
      ...(h.desc ? { description: JSON.parse(h.desc) as string } : {}),
      secret: this.box.open(h.secret ?? '', id),
      status: h.status === 'disabled' ? 'disabled' : 'active',
      ...(h.reason ? { disabledReason: h.reason } : {}),
      createdAt: h.created ?? '',
    };
  }

  async subscription(id: string): Promise<StoredSubscription | null> {
    const h = await this.redis.hgetall(this.k('sub:', id));
    return h.id ? this.toSub(h) : null;
  }

  private async sealedSubscriptions(source?: string): Promise<Record<string, string>[]> {
    const ids = await this.redis.zrange(
      this.k(source === undefined ? 'subs' : `subs:${source}`),
      '0',
      '-1',
    );
    const rows = await Promise.all(ids.map((id) => this.redis.hgetall(this.k('sub:', id))));
    return rows.filter((h) => h.id !== undefined);
  }

  async subscriptions(source?: string): Promise<StoredSubscription[]> {
    return (await this.sealedSubscriptions(source)).map((h) => this.toSub(h));
  }

  async deleteSubscription(source: string, id: string): Promise<boolean> {
    return (await this.run('deleteSubscription', [this.w, source, id])) === 1;
  }

  async checkpoint(): Promise<number> {
    const g = this.o.logGuard;
    const [cp, epoch] = (await this.run('checkpoint', [this.w, g?.markerKey ?? ''])) as [
      string,
      string,
    ];
    this.epoch = epoch;
    return Number(cp);
  }

  async enqueue(deliveries: NewDelivery[], checkpoint: number): Promise<void> {
    const g = this.o.logGuard;
    const args: (string | number)[] = [
      this.w,
      checkpoint,
      g?.markerKey ?? '',
      g?.readyKey ?? '',
      this.epoch,
    ];
    for (const d of deliveries)
      args.push(
        d.id,
        d.subscriptionId,
        d.orderId,
        d.seq,
        d.eventType,
        d.payload,
        d.createdAt,
        d.nextAttemptAt,
      );
    const out = await this.run('enqueue', args);
    // Nothing was written; the next pass reads the checkpoint again.
    if (out === 'not_ready')
      throw unavailable('The cluster views are being rebuilt; webhooks wait for them');
    if (out === 'renumbered')
      throw unavailable('The order log was renumbered by a rebuild; the projection starts again');
  }

  async due(nowMs: number, limit: number): Promise<StoredDelivery[]> {
    const rows = (await this.run('lease', [
      this.w,
      nowMs,
      limit,
      this.owner,
      nowMs + this.leaseMs,
    ])) as string[][];
    return rows.map((r) =>
      toStored(
        Object.fromEntries(FIELDS.map((f, i) => [f, r[i] ?? ''])) as Record<
          (typeof FIELDS)[number],
          string
        >,
      ),
    );
  }

  async nextDueAt(): Promise<number | null> {
    const at = (await this.run('nextDue', [this.w, this.owner])) as string | null;
    return at === null ? null : Number(at);
  }

  async recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    outcome: AttemptOutcome,
  ): Promise<void> {
    await this.run('record', [
      this.w,
      id,
      JSON.stringify(attempt),
      outcome.status,
      outcome.status === 'pending' ? outcome.nextAttemptAt : '',
      outcome.status === 'gone' ? outcome.reason : '',
      this.owner,
    ]);
  }

  async get(id: string): Promise<StoredDelivery | null> {
    const h = await this.redis.hgetall(this.k('d:', id));
    if (h.n === undefined) return null;
    return toStored({ ...(h as Record<(typeof FIELDS)[number], string>), id });
  }

  async list(query: DeliveryQuery): Promise<DeliveryPage> {
    let after = 0;
    if (query.cursor !== undefined) {
      after = /^\d{1,15}$/.test(query.cursor) ? Number(query.cursor) : NaN;
      if (!Number.isSafeInteger(after)) throw badCursor();
    }
    // The narrowest index first; the script filters by the rest.
    const index =
      query.orderId !== undefined
        ? `ord:${query.orderId}`
        : query.status !== undefined && query.status !== 'delivered'
          ? `st:${query.status}`
          : query.source !== undefined
            ? `src:${query.source}`
            : query.status !== undefined
              ? `st:${query.status}`
              : 'all';
    const rows = (await this.run('listPage', [
      this.w,
      index,
      after,
      query.limit,
      query.source ?? '',
      query.status ?? '',
      query.orderId ?? '',
    ])) as string[][];
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(([, id, sub, ord, seq, type, status, next, attempts, created]): Delivery => ({
        id: id ?? '',
        subscriptionId: sub ?? '',
        orderId: ord ?? '',
        seq: Number(seq),
        eventType: type as EventTypeName,
        status: status as DeliveryStatus,
        ...(status === 'pending' && next
          ? { nextAttemptAt: new Date(Number(next)).toISOString() }
          : {}),
        attempts: JSON.parse(attempts ?? '[]') as DeliveryAttempt[],
        createdAt: created ?? '',
      })),
      nextCursor: rows.length > query.limit && last ? String(last[0]) : null,
    };
  }

  async replay(id: string, nowMs: number): Promise<void> {
    await this.run('replay', [this.w, id, nowMs]);
  }

  /** Subscriptions whose secret no key of the box opens (a key dropped too early). */
  async unreadableSecrets(): Promise<string[]> {
    return (await this.sealedSubscriptions())
      .filter((h) => {
        try {
          this.box.open(h.secret ?? '', h.id ?? '');
          return false;
        } catch {
          return true;
        }
      })
      .map((h) => h.id ?? '');
  }

  /** Re-wraps every secret's data key under the box's current key (key rotation), as the SQLite store does. */
  async rewrapSecrets(): Promise<{ rewrapped: number; current: number; unreadable: string[] }> {
    const out = { rewrapped: 0, current: 0, unreadable: [] as string[] };
    for (const h of await this.sealedSubscriptions()) {
      const id = h.id ?? '';
      try {
        const next = this.box.rewrap(h.secret ?? '');
        this.box.open(next, id); // proves the new value opens before it replaces the old one
        if (next === h.secret) out.current += 1;
        else {
          await this.redis.hset(this.k('sub:', id), 'secret', next);
          out.rewrapped += 1;
        }
      } catch {
        out.unreadable.push(id);
      }
    }
    return out;
  }

  async close(): Promise<void> {
    /* the connection belongs to the caller */
  }
}
