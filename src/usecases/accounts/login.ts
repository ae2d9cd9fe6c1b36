// Logging in: the password checked with scrypt, failures counted per account name and per client
// address (lockout answers 429 with Retry-After), and a fresh session (never one the client brought).
import type { SessionView } from '../../../contracts/accounts.js';
import type { StoredSession } from '../../ports/account-store.js';
import { AccountError } from './errors.js';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from './password.js';
import { failureKey, type AccountsDeps } from './policy.js';
import { hashSessionId, newToken, sessionView } from './sessions.js';

function lockedError(lockedUntil: number, now: number): AccountError {
  return new AccountError(
    'login_locked',
    'Too many failed logins; try again later',
    Math.max(1, Math.ceil((lockedUntil - now) / 1000)),
  );
}

export interface LoginResult {
  /** The new session id, for the cookie only. */
  sessionId: string;
  view: SessionView;
}

/**
 * Checks the password and opens a fresh session. A session presented with the request (`previous`)
 * is ended, never adopted: the id is always new (no fixation).
 */
export async function login(
  deps: AccountsDeps,
  input: { account: string; password: string; address: string; previous?: string | undefined },
): Promise<LoginResult> {
  const { store, policy } = deps.accounts;
  await deps.accounts.ready;
  const now = deps.clock.now().getTime();
  const id = input.account.trim().toLowerCase();
  for (const key of [failureKey.address(input.address), failureKey.account(id)]) {
    const f = await store.failures(key, now);
    if (f?.lockedUntil) throw lockedError(f.lockedUntil, now);
  }
  const account = await store.account(id);
  // An unknown account costs the same scrypt time as a wrong password.
  const matches = await verifyPassword(
    input.password,
    account?.passwordHash ?? (await decoyHash()),
  );
  if (!matches || !account || (account.demo && deps.accounts.production)) {
    await store.recordFailure(failureKey.address(input.address), now, policy.perAddress);
    await store.recordFailure(failureKey.account(id), now, policy.perAccount);
    throw new AccountError('login_failed', 'Wrong account or password');
  }
  if (account.disabled) throw new AccountError('account_disabled', 'This account is disabled');
  await store.clearFailures(failureKey.account(id));
  if (needsRehash(account.passwordHash, deps.accounts.cost) && !account.demo) {
    await store.updateAccount(account.id, {
      passwordHash: await hashPassword(input.password, deps.accounts.cost),
      updatedAt: new Date(now).toISOString(),
    });
  }
  if (input.previous) await store.deleteSession(await hashSessionId(input.previous));
  const sessionId = newToken();
  const session: StoredSession = {
    idHash: await hashSessionId(sessionId),
    accountId: account.id,
    csrfToken: newToken(),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + policy.maxMs,
  };
  await store.createSession(session);
  return { sessionId, view: sessionView(deps, account, session) };
}
