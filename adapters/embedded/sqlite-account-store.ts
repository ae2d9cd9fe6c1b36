// The embedded account store: accounts, sessions and failed-login counters in their own tables of the
// gateway's SQLite file (a connection of its own, WAL), so sessions survive a restart.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AccountRole } from '../../contracts/accounts.js';
import type {
  AccountStore,
  FailureCount,
  FailurePolicy,
  StoredAccount,
  StoredSession,
} from '../../src/ports/account-store.js';

const schema = `
CREATE TABLE IF NOT EXISTS accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  role TEXT NOT NULL,
  station_id TEXT,
  scope TEXT,
  password_hash TEXT NOT NULL,
  disabled INTEGER NOT NULL DEFAULT 0,
  demo INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS account_sessions (
  id_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS account_sessions_by_account ON account_sessions (account_id);
CREATE TABLE IF NOT EXISTS login_failures (
  key TEXT PRIMARY KEY,
  count INTEGER NOT NULL,
  window_ends_at INTEGER NOT NULL,
  locked_until INTEGER
);
`;

interface AccountRow {
  id: string;
  name: string;
  role: AccountRole;
  station_id: string | null;
  scope: string | null;
  password_hash: string;
  disabled: number;
  demo: number;
  created_at: string;
  updated_at: string;
}
interface SessionRow {
  id_hash: string;
  account_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}
interface FailureRow {
  count: number;
  window_ends_at: number;
  locked_until: number | null;
}

const toAccount = (r: AccountRow): StoredAccount => ({
  id: r.id,
  name: r.name,
  role: r.role,
  ...(r.station_id !== null ? { stationId: r.station_id } : {}),
  ...(r.scope !== null ? { scope: r.scope } : {}),
  passwordHash: r.password_hash,
  disabled: r.disabled === 1,
  demo: r.demo === 1,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const toSession = (r: SessionRow): StoredSession => ({
  idHash: r.id_hash,
  accountId: r.account_id,
  csrfToken: r.csrf_token,
  createdAt: r.created_at,
  lastSeenAt: r.last_seen_at,
  expiresAt: r.expires_at,
});

/** A counter whose window and lock are both over no longer counts. */
function liveFailure(f: FailureCount | null, now: number): FailureCount | null {
  if (!f) return null;
  const locked = f.lockedUntil !== null && f.lockedUntil > now;
  if (!locked && f.windowEndsAt <= now) return null;
  return { ...f, lockedUntil: locked ? f.lockedUntil : null };
}

export class SqliteAccountStore implements AccountStore {
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
      insertAccount: this.db.prepare(
        'INSERT OR IGNORE INTO accounts (id, name, role, station_id, scope, password_hash, disabled, demo, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      account: this.db.prepare<[string], AccountRow>('SELECT * FROM accounts WHERE id = ?'),
      accounts: this.db.prepare<[], AccountRow>('SELECT * FROM accounts ORDER BY id'),
      update: this.db.prepare(
        'UPDATE accounts SET name = COALESCE(?, name), password_hash = COALESCE(?, password_hash), disabled = COALESCE(?, disabled), updated_at = ? WHERE id = ?',
      ),
      insertSession: this.db.prepare(
        'INSERT INTO account_sessions (id_hash, account_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      session: this.db.prepare<[string], SessionRow>(
        'SELECT * FROM account_sessions WHERE id_hash = ?',
      ),
      touch: this.db.prepare(
        'UPDATE account_sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE id_hash = ?',
      ),
      deleteSession: this.db.prepare('DELETE FROM account_sessions WHERE id_hash = ?'),
      deleteSessions: this.db.prepare('DELETE FROM account_sessions WHERE account_id = ?'),
      deleteExpired: this.db.prepare('DELETE FROM account_sessions WHERE expires_at <= ?'),
      failure: this.db.prepare<[string], FailureRow>(
        'SELECT count, window_ends_at, locked_until FROM login_failures WHERE key = ?',
      ),
      putFailure: this.db.prepare(
        'INSERT INTO login_failures (key, count, window_ends_at, locked_until) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET count = excluded.count, window_ends_at = excluded.window_ends_at, locked_until = excluded.locked_until',
      ),
      clearFailure: this.db.prepare('DELETE FROM login_failures WHERE key = ?'),
    };
  }

  createAccount(a: StoredAccount): Promise<boolean> {
    const r = this.stmt.insertAccount.run(
      a.id,
      a.name,
      a.role,
      a.stationId ?? null,
      a.scope ?? null,
      a.passwordHash,
      a.disabled ? 1 : 0,
      a.demo ? 1 : 0,
      a.createdAt,
      a.updatedAt,
    );
    return Promise.resolve(r.changes === 1);
  }

  account(id: string): Promise<StoredAccount | null> {
    const r = this.stmt.account.get(id);
    return Promise.resolve(r ? toAccount(r) : null);
  }

  accounts(): Promise<StoredAccount[]> {
    return Promise.resolve(this.stmt.accounts.all().map(toAccount));
  }

  updateAccount(
    id: string,
    patch: Partial<Pick<StoredAccount, 'disabled' | 'passwordHash' | 'name'>> & {
      updatedAt: string;
    },
  ): Promise<StoredAccount | null> {
    this.stmt.update.run(
      patch.name ?? null,
      patch.passwordHash ?? null,
      patch.disabled === undefined ? null : patch.disabled ? 1 : 0,
      patch.updatedAt,
      id,
    );
    return this.account(id);
  }

  createSession(s: StoredSession): Promise<void> {
    // Expired sessions are swept as new ones arrive, so the table holds live sessions only.
    this.stmt.deleteExpired.run(s.createdAt);
    this.stmt.insertSession.run(
      s.idHash,
      s.accountId,
      s.csrfToken,
      s.createdAt,
      s.lastSeenAt,
      s.expiresAt,
    );
    return Promise.resolve();
  }

  session(idHash: string): Promise<StoredSession | null> {
    const r = this.stmt.session.get(idHash);
    return Promise.resolve(r ? toSession(r) : null);
  }

  touchSession(idHash: string, at: number): Promise<void> {
    this.stmt.touch.run(at, idHash);
    return Promise.resolve();
  }

  deleteSession(idHash: string): Promise<void> {
    this.stmt.deleteSession.run(idHash);
    return Promise.resolve();
  }

  deleteSessions(accountId: string): Promise<number> {
    return Promise.resolve(this.stmt.deleteSessions.run(accountId).changes);
  }

  failures(key: string, now: number): Promise<FailureCount | null> {
    return Promise.resolve(liveFailure(this.read(key), now));
  }

  recordFailure(key: string, now: number, policy: FailurePolicy): Promise<FailureCount> {
    const next = this.db.transaction((): FailureCount => {
      const live = liveFailure(this.read(key), now);
      const fresh = !live || live.windowEndsAt <= now;
      const count = fresh ? 1 : live.count + 1;
      const windowEndsAt = fresh ? now + policy.windowMs : live.windowEndsAt;
      const lockedUntil = live?.lockedUntil ?? (count >= policy.limit ? now + policy.lockMs : null);
      this.stmt.putFailure.run(key, count, windowEndsAt, lockedUntil);
      return { count, windowEndsAt, lockedUntil };
    })();
    return Promise.resolve(next);
  }

  clearFailures(key: string): Promise<void> {
    this.stmt.clearFailure.run(key);
    return Promise.resolve();
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }

  private read(key: string): FailureCount | null {
    const r = this.stmt.failure.get(key);
    return r
      ? { count: r.count, windowEndsAt: r.window_ends_at, lockedUntil: r.locked_until }
      : null;
  }
}
