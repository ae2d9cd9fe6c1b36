// Sessions of people: resume from the cookie (idle and absolute expiry), log out here or everywhere.
// The cookie holds a random id; the store only its SHA-256, so a copy of the store cannot be replayed
// as cookies. Web Crypto only: the HTTP layer that calls this also runs on Workers (src/edge/).
import type { SessionView } from '../../../contracts/accounts.js';
import type { Principal } from '../principal.js';
import type { StoredAccount, StoredSession } from '../../ports/account-store.js';
import { sha256Hex } from '../../runtime/sha256.js';
import type { AccountsDeps } from './policy.js';
import { homeOf, principalOf, sessionAccount } from './present-account.js';

export interface ResumedSession {
  idHash: string;
  account: StoredAccount;
  session: StoredSession;
  principal: Principal;
}

/** 32 random bytes, base64url: session ids and CSRF tokens. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');
}
export const hashSessionId = (id: string): Promise<string> => sha256Hex(`session:${id}`);

/** An account that may hold a session now (enabled; not a demo account in production). */
const usable = (deps: AccountsDeps, a: StoredAccount | null): a is StoredAccount =>
  a !== null && !a.disabled && !(a.demo && deps.accounts.production);

export function sessionView(
  deps: AccountsDeps,
  account: StoredAccount,
  session: StoredSession,
): SessionView {
  return {
    account: sessionAccount(account, deps.places),
    csrfToken: session.csrfToken,
    home: homeOf(account),
  };
}

/** Activity is written at most this often, so a busy page does not write on every request. */
const TOUCH_EVERY_MS = 15_000;

/** The live session behind a cookie, or null (unknown, idle too long, too old, account unusable). */
export async function resumeSession(
  deps: AccountsDeps,
  sessionId: string,
): Promise<ResumedSession | null> {
  const { store, policy } = deps.accounts;
  await deps.accounts.ready;
  if (sessionId.length < 20 || sessionId.length > 100) return null;
  const idHash = await hashSessionId(sessionId);
  const session = await store.session(idHash);
  if (!session) return null;
  const now = deps.clock.now().getTime();
  const account =
    now - session.lastSeenAt < policy.idleMs && now < session.expiresAt
      ? await store.account(session.accountId)
      : null;
  if (!usable(deps, account)) {
    await store.deleteSession(idHash);
    return null;
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await store.touchSession(idHash, now);
  return { idHash, account, session, principal: principalOf(account, deps.places) };
}

/** Constant-time comparison of the x-csrf-token header with the session's token. */
export function csrfMatches(session: StoredSession, given: string | undefined): boolean {
  const want = session.csrfToken;
  if (!given || given.length !== want.length) return false;
  let diff = 0;
  for (let i = 0; i < want.length; i++) diff |= want.charCodeAt(i) ^ given.charCodeAt(i);
  return diff === 0;
}

export async function logout(
  deps: AccountsDeps,
  session: ResumedSession,
  everywhere: boolean,
): Promise<void> {
  if (everywhere) await deps.accounts.store.deleteSessions(session.account.id);
  else await deps.accounts.store.deleteSession(session.idHash);
}
