// The contract every AccountStore adapter must pass (embedded SQLite, Redis in cluster mode): accounts
// kept as given and never overwritten by a second create, sessions found only by their hash and ended
// one by one or all of an account's at once, and failed-login counters that count atomically, lock at
// the limit and forget after their window. Each test gets a fresh adapter, cleaned up even on failure.
import { describe, expect, it, onTestFinished } from 'vitest';
import type {
  AccountStore,
  FailurePolicy,
  StoredAccount,
  StoredSession,
} from '../../src/ports/account-store.js';

export interface AccountStoreUnderTest {
  store: AccountStore;
  /** Removes what the test wrote and closes connections. */
  cleanup(): Promise<void>;
}

const t0 = Date.parse('2026-03-02T01:00:00Z');
const minute = 60_000;
const policy: FailurePolicy = { limit: 5, windowMs: 15 * minute, lockMs: 15 * minute };

const account = (id: string, extra: Partial<StoredAccount> = {}): StoredAccount => ({
  id,
  name: '王芳',
  role: 'station',
  stationId: 'cuicheng-yiyuan-grid',
  passwordHash: `scrypt$16384$8$1$c2FsdA==$${id}`,
  disabled: false,
  demo: false,
  createdAt: new Date(t0).toISOString(),
  updatedAt: new Date(t0).toISOString(),
  ...extra,
});

const session = (idHash: string, accountId: string, createdAt = t0): StoredSession => ({
  idHash,
  accountId,
  csrfToken: `csrf-${idHash}`,
  createdAt,
  lastSeenAt: createdAt,
  expiresAt: createdAt + 12 * 60 * minute,
});

export function describeAccountStoreContract(
  name: string,
  make: () => Promise<AccountStoreUnderTest>,
): void {
  const fresh = async (): Promise<AccountStore> => {
    const underTest = await make();
    onTestFinished(() => underTest.cleanup());
    return underTest.store;
  };

  describe(`AccountStore contract: ${name}`, () => {
    it('keeps an account as given; a second create with the same id changes nothing', async () => {
      const s = await fresh();
      expect(await s.createAccount(account('yiyuan'))).toBe(true);
      expect(await s.createAccount(account('yiyuan', { name: '冒名', role: 'admin' }))).toBe(false);
      expect(await s.account('yiyuan')).toEqual(account('yiyuan'));
      expect(await s.account('nobody')).toBeNull();
    });

    it('keeps optional fields absent, and scope and demo when present', async () => {
      const s = await fresh();
      const dispatcher = account('dispatcher', { role: 'dispatcher', demo: true });
      delete dispatcher.stationId;
      const supervisor = account('sup', { role: 'supervisor', scope: '110101' });
      delete supervisor.stationId;
      await s.createAccount(dispatcher);
      await s.createAccount(supervisor);
      const got = await s.account('dispatcher');
      expect(got).toEqual(dispatcher);
      expect(got && 'stationId' in got).toBe(false);
      expect(await s.account('sup')).toEqual(supervisor);
    });

    it('lists every account by id', async () => {
      const s = await fresh();
      for (const id of ['zz', 'admin', 'mm']) await s.createAccount(account(id));
      expect((await s.accounts()).map((a) => a.id)).toEqual(['admin', 'mm', 'zz']);
    });

    it('updates only the fields given, and nothing for an unknown account', async () => {
      const s = await fresh();
      await s.createAccount(account('yiyuan'));
      const later = new Date(t0 + minute).toISOString();
      const off = await s.updateAccount('yiyuan', { disabled: true, updatedAt: later });
      expect(off).toEqual({ ...account('yiyuan'), disabled: true, updatedAt: later });
      const rehashed = await s.updateAccount('yiyuan', {
        passwordHash: 'scrypt$32768$8$1$bmV3$bmV3',
        updatedAt: later,
      });
      expect(rehashed).toMatchObject({
        disabled: true,
        passwordHash: 'scrypt$32768$8$1$bmV3$bmV3',
      });
      expect(await s.updateAccount('nobody', { disabled: true, updatedAt: later })).toBeNull();
      expect(await s.account('nobody')).toBeNull();
    });

    it('finds a session by its hash only, records activity forward only, and ends it', async () => {
      const s = await fresh();
      await s.createSession(session('h1', 'yiyuan'));
      expect(await s.session('h1')).toEqual(session('h1', 'yiyuan'));
      expect(await s.session('h2')).toBeNull();
      await s.touchSession('h1', t0 + 5 * minute);
      await s.touchSession('h1', t0 + 2 * minute); // a late, older request does not move it back
      expect((await s.session('h1'))?.lastSeenAt).toBe(t0 + 5 * minute);
      await s.touchSession('gone', t0); // no session appears from a touch
      expect(await s.session('gone')).toBeNull();
      await s.deleteSession('h1');
      expect(await s.session('h1')).toBeNull();
      await s.deleteSession('h1'); // twice is fine
    });

    it("ends every session of one account, and only that account's", async () => {
      const s = await fresh();
      await s.createSession(session('a1', 'yiyuan'));
      await s.createSession(session('a2', 'yiyuan'));
      await s.createSession(session('b1', 'jiaobei'));
      await s.deleteSession('a2');
      await s.createSession(session('a3', 'yiyuan'));
      expect(await s.deleteSessions('yiyuan')).toBe(2);
      expect(await s.session('a1')).toBeNull();
      expect(await s.session('a3')).toBeNull();
      expect(await s.session('b1')).not.toBeNull();
      expect(await s.deleteSessions('yiyuan')).toBe(0);
      await s.createSession(session('a4', 'yiyuan')); // a new login after "everywhere" works
      expect(await s.session('a4')).not.toBeNull();
    });

    it('counts failures and locks at the limit for lockMs', async () => {
      const s = await fresh();
      expect(await s.failures('account:yiyuan', t0)).toBeNull();
      for (let i = 1; i <= 4; i++) {
        const f = await s.recordFailure('account:yiyuan', t0 + i * 1000, policy);
        expect(f).toEqual({ count: i, windowEndsAt: t0 + 1000 + 15 * minute, lockedUntil: null });
      }
      const fifth = await s.recordFailure('account:yiyuan', t0 + 10 * minute, policy);
      expect(fifth.lockedUntil).toBe(t0 + 25 * minute);
      // While locked, more failures do not extend the lock.
      const sixth = await s.recordFailure('account:yiyuan', t0 + 11 * minute, policy);
      expect(sixth.lockedUntil).toBe(t0 + 25 * minute);
      expect((await s.failures('account:yiyuan', t0 + 24 * minute))?.lockedUntil).toBe(
        t0 + 25 * minute,
      );
      expect(await s.failures('account:yiyuan', t0 + 25 * minute)).toBeNull();
      expect(await s.failures('account:other', t0)).toBeNull();
    });

    it('forgets failures once their window has passed', async () => {
      const s = await fresh();
      for (let i = 0; i < 4; i++) await s.recordFailure('address:192.0.2.1', t0, policy);
      expect((await s.failures('address:192.0.2.1', t0 + 14 * minute))?.count).toBe(4);
      expect(await s.failures('address:192.0.2.1', t0 + 15 * minute)).toBeNull();
      const again = await s.recordFailure('address:192.0.2.1', t0 + 16 * minute, policy);
      expect(again).toEqual({ count: 1, windowEndsAt: t0 + 31 * minute, lockedUntil: null });
    });

    it('counts concurrent failures exactly (no lost update) and clears on request', async () => {
      const s = await fresh();
      const many = { ...policy, limit: 1000 };
      await Promise.all(
        Array.from({ length: 25 }, () => s.recordFailure('account:busy', t0, many)),
      );
      expect((await s.failures('account:busy', t0))?.count).toBe(25);
      await s.clearFailures('account:busy');
      expect(await s.failures('account:busy', t0)).toBeNull();
      await s.clearFailures('account:never'); // clearing nothing is fine
    });
  });
}
