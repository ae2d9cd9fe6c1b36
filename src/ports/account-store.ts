// Where personal accounts, their sessions and failed-login counters live: the embedded SQLite file
// by default, Redis in cluster mode (so a session works on every gateway process). The policy
// (expiry, lockout, hashing) is in src/usecases/accounts/; adapters only keep the data, atomically.
import type { AccountRole } from '../../contracts/accounts.js';

export interface StoredAccount {
  id: string;
  name: string;
  role: AccountRole;
  stationId?: string | undefined;
  scope?: string | undefined;
  /** `scrypt$N$r$p$salt$hash` (see src/usecases/accounts/password.ts); never the password. */
  passwordHash: string;
  disabled: boolean;
  /** A published demo account: refused at login in production. */
  demo: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface StoredSession {
  /** SHA-256 of the session id in the cookie: the store never holds a usable session id. */
  idHash: string;
  accountId: string;
  csrfToken: string;
  /** Epoch milliseconds. */
  createdAt: number;
  lastSeenAt: number;
  /** The absolute expiry (createdAt + the maximum session length), epoch milliseconds. */
  expiresAt: number;
}

export interface FailurePolicy {
  /** Failures within the window that lock the key. */
  limit: number;
  windowMs: number;
  lockMs: number;
}

export interface FailureCount {
  count: number;
  /** Epoch milliseconds: failures counted from the first one until then. */
  windowEndsAt: number;
  /** Epoch milliseconds until which the key is locked; null when not locked. */
  lockedUntil: number | null;
}

export interface AccountStore {
  /** False when the id is taken. */
  createAccount(account: StoredAccount): Promise<boolean>;
  account(id: string): Promise<StoredAccount | null>;
  /** Every account, by id. */
  accounts(): Promise<StoredAccount[]>;
  /** Null when there is no such account. */
  updateAccount(
    id: string,
    patch: Partial<Pick<StoredAccount, 'disabled' | 'passwordHash' | 'name'>> & {
      updatedAt: string;
    },
  ): Promise<StoredAccount | null>;

  createSession(session: StoredSession): Promise<void>;
  session(idHash: string): Promise<StoredSession | null>;
  /** Records activity (idle expiry counts from here); no-op for a session that is gone. */
  touchSession(idHash: string, at: number): Promise<void>;
  deleteSession(idHash: string): Promise<void>;
  /** Ends every session of the account; returns how many there were. */
  deleteSessions(accountId: string): Promise<number>;

  /** The counter as it stands (null: none, or both its window and its lock are over at `now`). */
  failures(key: string, now: number): Promise<FailureCount | null>;
  /**
   * One more failure, atomically: a window that has ended starts afresh; reaching the limit locks
   * the key for lockMs from now.
   */
  recordFailure(key: string, now: number, policy: FailurePolicy): Promise<FailureCount>;
  clearFailures(key: string): Promise<void>;

  close(): Promise<void>;
}
