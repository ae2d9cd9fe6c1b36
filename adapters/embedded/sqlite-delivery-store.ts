// The embedded delivery store: its own tables in the gateway's SQLite file (a second connection, WAL),
// so pending webhook deliveries, their attempts and the projection checkpoint survive a restart.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
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
import { migrate } from './migrations/run-migrations.js';
import { SecretBox } from '../../src/webhooks/secret-box.js';

interface SubRow {
  id: string;
  source: string;
  url: string;
  event_types: string | null;
  description: string | null;
  secret: string;
  status: 'active' | 'disabled';
  disabled_reason: string | null;
  created_at: string;
}
interface DeliveryRow {
  n: number;
  id: string;
  subscription_id: string;
  source: string;
  order_id: string;
  seq: number;
  event_type: string;
  payload: string;
  status: DeliveryStatus;
  next_attempt_at: number | null;
  attempts: string;
  created_at: string;
}

const toSub = (r: SubRow, box: SecretBox): StoredSubscription => ({
  id: r.id,
  source: r.source,
  url: r.url,
  eventTypes: r.event_types === null ? null : (JSON.parse(r.event_types) as EventTypeName[]),
  ...(r.description !== null ? { description: r.description } : {}),
  secret: box.open(r.secret, r.id),
  status: r.status,
  ...(r.disabled_reason !== null ? { disabledReason: r.disabled_reason } : {}),
  createdAt: r.created_at,
});

const toStored = (r: DeliveryRow): StoredDelivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  source: r.source,
  orderId: r.order_id,
  seq: r.seq,
  eventType: r.event_type as EventTypeName,
  payload: r.payload,
  status: r.status,
  nextAttemptAt: r.next_attempt_at ?? 0,
  attempts: JSON.parse(r.attempts) as DeliveryAttempt[],
  createdAt: r.created_at,
});

const toView = (r: DeliveryRow): Delivery => ({
  id: r.id,
  subscriptionId: r.subscription_id,
  orderId: r.order_id,
  seq: r.seq,
  eventType: r.event_type as EventTypeName,
  status: r.status,
  ...(r.status === 'pending' && r.next_attempt_at !== null
    ? { nextAttemptAt: new Date(r.next_attempt_at).toISOString() }
    : {}),
  attempts: JSON.parse(r.attempts) as DeliveryAttempt[],
  createdAt: r.created_at,
});

const badCursor = () =>
  new DomainError('validation_failed', 'Invalid cursor', {
    zh: '翻页位置无效，请从第一页重新查看。',
    errors: [{ path: 'query.cursor', message: 'not a cursor this gateway issued' }],
  });

export class SqliteDeliveryStore implements DeliveryStore {
  private readonly db: Database.Database;
  private readonly stmt;

  /** Signing secrets are kept sealed (envelope encryption); only this box opens them. */
  private readonly box: SecretBox;

  constructor(options: {
    path: string;
    synchronous?: 'full' | 'normal';
    /** Required for a file; an in-memory store may use a key that lives as long as it does. */
    secrets?: SecretBox;
  }) {
    if (!options.secrets && options.path !== ':memory:')
      throw new Error('SqliteDeliveryStore: a file store needs a SecretBox for webhook secrets');
    this.box =
      options.secrets ??
      new SecretBox([
        { kid: 'memory', key: Buffer.from(crypto.getRandomValues(new Uint8Array(32))) },
      ]);
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    // Freed space is zeroed, so a secret replaced by its sealed form leaves no copy in the file.
    this.db.pragma('secure_delete = ON');
    migrate(this.db);
    this.sealClearSecrets();
    this.stmt = {
      insertSub: this.db.prepare(
        'INSERT INTO webhook_subscriptions (id, source, url, event_types, description, secret, status, disabled_reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      sub: this.db.prepare<[string], SubRow>('SELECT * FROM webhook_subscriptions WHERE id = ?'),
      subsOf: this.db.prepare<[string], SubRow>(
        'SELECT * FROM webhook_subscriptions WHERE source = ? ORDER BY created_at, id',
      ),
      allSubs: this.db.prepare<[], SubRow>(
        'SELECT * FROM webhook_subscriptions ORDER BY created_at, id',
      ),
      deleteSub: this.db.prepare('DELETE FROM webhook_subscriptions WHERE source = ? AND id = ?'),
      deleteDeliveriesOf: this.db.prepare(
        'DELETE FROM webhook_deliveries WHERE subscription_id = ?',
      ),
      disableSub: this.db.prepare(
        "UPDATE webhook_subscriptions SET status = 'disabled', disabled_reason = ? WHERE id = ?",
      ),
      killPendingOf: this.db.prepare(
        "UPDATE webhook_deliveries SET status = 'dead', next_attempt_at = NULL WHERE subscription_id = ? AND status = 'pending'",
      ),
      checkpoint: this.db.prepare<[], { position: number }>(
        'SELECT position FROM webhook_projection WHERE id = 1',
      ),
      setCheckpoint: this.db.prepare(
        'INSERT INTO webhook_projection (id, position) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET position = excluded.position',
      ),
      insertDelivery: this.db.prepare(
        "INSERT OR IGNORE INTO webhook_deliveries (id, subscription_id, source, order_id, seq, event_type, payload, status, next_attempt_at, created_at) SELECT ?, ?, source, ?, ?, ?, ?, 'pending', ?, ? FROM webhook_subscriptions WHERE id = ?",
      ),
      due: this.db.prepare<[number, number], DeliveryRow>(`
        SELECT d.* FROM webhook_deliveries d
        WHERE d.status = 'pending' AND d.next_attempt_at <= ?
          AND NOT EXISTS (SELECT 1 FROM webhook_deliveries e WHERE e.status = 'pending' AND e.subscription_id = d.subscription_id AND e.order_id = d.order_id AND e.seq < d.seq)
        ORDER BY d.next_attempt_at, d.n LIMIT ?`),
      nextDue: this.db.prepare<[], { at: number | null }>(
        "SELECT MIN(next_attempt_at) AS at FROM webhook_deliveries WHERE status = 'pending'",
      ),
      byId: this.db.prepare<[string], DeliveryRow>('SELECT * FROM webhook_deliveries WHERE id = ?'),
      update: this.db.prepare(
        'UPDATE webhook_deliveries SET status = ?, next_attempt_at = ?, attempts = ? WHERE id = ?',
      ),
    };
  }

  async createSubscription(s: StoredSubscription): Promise<void> {
    this.stmt.insertSub.run(
      s.id,
      s.source,
      s.url,
      s.eventTypes === null ? null : JSON.stringify(s.eventTypes),
      s.description ?? null,
      this.box.seal(s.secret, s.id),
      s.status,
      s.disabledReason ?? null,
      s.createdAt,
    );
  }

  async subscription(id: string): Promise<StoredSubscription | null> {
    const row = this.stmt.sub.get(id);
    return row ? toSub(row, this.box) : null;
  }

  async subscriptions(source?: string): Promise<StoredSubscription[]> {
    return (source === undefined ? this.stmt.allSubs.all() : this.stmt.subsOf.all(source)).map(
      (r) => toSub(r, this.box),
    );
  }

  async deleteSubscription(source: string, id: string): Promise<boolean> {
    return this.db.transaction(() => {
      const gone = this.stmt.deleteSub.run(source, id).changes > 0;
      if (gone) this.stmt.deleteDeliveriesOf.run(id);
      return gone;
    })();
  }

  async checkpoint(): Promise<number> {
    return this.stmt.checkpoint.get()?.position ?? 0;
  }

  async enqueue(deliveries: NewDelivery[], checkpoint: number): Promise<void> {
    this.db
      .transaction(() => {
        for (const d of deliveries)
          this.stmt.insertDelivery.run(
            d.id,
            d.subscriptionId,
            d.orderId,
            d.seq,
            d.eventType,
            d.payload,
            d.nextAttemptAt,
            d.createdAt,
            d.subscriptionId,
          );
        this.stmt.setCheckpoint.run(checkpoint);
      })
      .immediate();
  }

  async due(nowMs: number, limit: number): Promise<StoredDelivery[]> {
    return this.stmt.due.all(nowMs, limit).map(toStored);
  }

  async nextDueAt(): Promise<number | null> {
    return this.stmt.nextDue.get()?.at ?? null;
  }

  async recordAttempt(
    id: string,
    attempt: DeliveryAttempt,
    outcome: AttemptOutcome,
  ): Promise<void> {
    this.db
      .transaction(() => {
        const row = this.stmt.byId.get(id);
        if (!row || row.status !== 'pending') return; // deleted or replayed meanwhile: the attempt changes nothing
        const attempts = JSON.stringify([
          ...(JSON.parse(row.attempts) as DeliveryAttempt[]),
          attempt,
        ]);
        switch (outcome.status) {
          case 'delivered':
            this.stmt.update.run('delivered', null, attempts, id);
            break;
          case 'pending':
            this.stmt.update.run('pending', outcome.nextAttemptAt, attempts, id);
            break;
          case 'dead':
            this.stmt.update.run('dead', null, attempts, id);
            break;
          case 'gone':
            this.stmt.update.run('dead', null, attempts, id);
            this.stmt.disableSub.run(outcome.reason, row.subscription_id);
            this.stmt.killPendingOf.run(row.subscription_id);
            break;
        }
      })
      .immediate();
  }

  async get(id: string): Promise<StoredDelivery | null> {
    const row = this.stmt.byId.get(id);
    return row ? toStored(row) : null;
  }

  async list(query: DeliveryQuery): Promise<DeliveryPage> {
    const where: string[] = [];
    const args: (string | number)[] = [];
    if (query.source !== undefined) {
      where.push('source = ?');
      args.push(query.source);
    }
    if (query.status !== undefined) {
      where.push('status = ?');
      args.push(query.status);
    }
    if (query.orderId !== undefined) {
      where.push('order_id = ?');
      args.push(query.orderId);
    }
    if (query.cursor !== undefined) {
      const n = /^\d{1,15}$/.test(query.cursor) ? Number(query.cursor) : NaN;
      if (!Number.isSafeInteger(n)) throw badCursor();
      where.push('n > ?');
      args.push(n);
    }
    const sql = `SELECT * FROM webhook_deliveries ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY n LIMIT ?`;
    const rows = this.db
      .prepare<(string | number)[], DeliveryRow>(sql)
      .all(...args, query.limit + 1);
    const page = rows.slice(0, query.limit);
    const last = page.at(-1);
    return {
      items: page.map(toView),
      nextCursor: rows.length > query.limit && last ? String(last.n) : null,
    };
  }

  async replay(id: string, nowMs: number): Promise<void> {
    this.db
      .prepare(
        "UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ? WHERE id = ? AND status = 'dead'",
      )
      .run(nowMs, id);
  }

  /** Seals secrets a release before encryption at rest stored in clear (once, at open). */
  private sealClearSecrets(): void {
    const rows = this.db
      .prepare<[], { id: string; secret: string }>('SELECT id, secret FROM webhook_subscriptions')
      .all()
      .filter((r) => !SecretBox.isSealed(r.secret));
    const put = this.db.prepare(
      'UPDATE webhook_subscriptions SET secret = ? WHERE id = ? AND secret = ?',
    );
    if (rows.length === 0) return;
    this.db.transaction(() => {
      for (const r of rows) put.run(this.box.seal(r.secret, r.id), r.id, r.secret);
    })();
    // The old pages (clear secrets) leave the write-ahead log and the file now, not at some later checkpoint.
    this.db.pragma('wal_checkpoint(TRUNCATE)');
  }

  /** Subscriptions whose secret no key of the box opens (a key dropped too early). */
  unreadableSecrets(): string[] {
    return this.db
      .prepare<[], { id: string; secret: string }>('SELECT id, secret FROM webhook_subscriptions')
      .all()
      .filter((r) => {
        try {
          this.box.open(r.secret, r.id);
          return false;
        } catch {
          return true;
        }
      })
      .map((r) => r.id);
  }

  /**
   * Re-wraps every secret's data key under the box's current key (key rotation); secrets sealed by
   * a key the box does not hold are reported, not touched. Returns what was done.
   */
  rewrapSecrets(): { rewrapped: number; current: number; unreadable: string[] } {
    const rows = this.db
      .prepare<[], { id: string; secret: string }>('SELECT id, secret FROM webhook_subscriptions')
      .all();
    const put = this.db.prepare(
      'UPDATE webhook_subscriptions SET secret = ? WHERE id = ? AND secret = ?',
    );
    const out = { rewrapped: 0, current: 0, unreadable: [] as string[] };
    this.db.transaction(() => {
      for (const r of rows) {
        try {
          const sealed = SecretBox.isSealed(r.secret) ? r.secret : this.box.seal(r.secret, r.id);
          const next = this.box.rewrap(sealed);
          this.box.open(next, r.id); // proves the new value opens before it replaces the old one
          if (next === r.secret) out.current += 1;
          else {
            put.run(next, r.id, r.secret);
            out.rewrapped += 1;
          }
        } catch {
          out.unreadable.push(r.id);
        }
      }
    })();
    return out;
  }

  async close(): Promise<void> {
    this.db.close();
  }
}
