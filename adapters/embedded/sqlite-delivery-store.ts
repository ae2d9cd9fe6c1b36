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

const schema = `
CREATE TABLE IF NOT EXISTS webhook_subscriptions (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL,
  url TEXT NOT NULL,
  event_types TEXT,
  description TEXT,
  secret TEXT NOT NULL,
  status TEXT NOT NULL,
  disabled_reason TEXT,
  created_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS webhook_subscriptions_by_source ON webhook_subscriptions (source);
CREATE TABLE IF NOT EXISTS webhook_deliveries (
  n INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  subscription_id TEXT NOT NULL,
  source TEXT NOT NULL,
  order_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  payload TEXT NOT NULL,
  status TEXT NOT NULL,
  next_attempt_at INTEGER,
  attempts TEXT NOT NULL DEFAULT '[]',
  created_at TEXT NOT NULL,
  UNIQUE (subscription_id, order_id, seq)
);
CREATE INDEX IF NOT EXISTS webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_lane ON webhook_deliveries (subscription_id, order_id, seq) WHERE status = 'pending';
CREATE INDEX IF NOT EXISTS webhook_deliveries_by_source ON webhook_deliveries (source, status, n);
CREATE TABLE IF NOT EXISTS webhook_projection (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  position INTEGER NOT NULL
);
`;

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

const toSub = (r: SubRow): StoredSubscription => ({
  id: r.id,
  source: r.source,
  url: r.url,
  eventTypes: r.event_types === null ? null : (JSON.parse(r.event_types) as EventTypeName[]),
  ...(r.description !== null ? { description: r.description } : {}),
  secret: r.secret,
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
    errors: [{ path: 'query.cursor', message: 'not a cursor this gateway issued' }],
  });

export class SqliteDeliveryStore implements DeliveryStore {
  private readonly db: Database.Database;
  private readonly stmt;

  constructor(options: { path: string; synchronous?: 'full' | 'normal' }) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(schema);
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
      s.secret,
      s.status,
      s.disabledReason ?? null,
      s.createdAt,
    );
  }

  async subscription(id: string): Promise<StoredSubscription | null> {
    const row = this.stmt.sub.get(id);
    return row ? toSub(row) : null;
  }

  async subscriptions(source?: string): Promise<StoredSubscription[]> {
    return (source === undefined ? this.stmt.allSubs.all() : this.stmt.subsOf.all(source)).map(
      toSub,
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

  async close(): Promise<void> {
    this.db.close();
  }
}
