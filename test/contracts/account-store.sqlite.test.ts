// The embedded account store passes the AccountStore contract, in memory and in the gateway's SQLite
// file beside the order tables; accounts and sessions survive closing and reopening the file.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { SqliteAccountStore } from '../../adapters/embedded/sqlite-account-store.js';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { describeAccountStoreContract } from './account-store.contract.js';

describeAccountStoreContract('SQLite in memory', () => {
  const store = new SqliteAccountStore({ path: ':memory:' });
  return Promise.resolve({ store, cleanup: () => store.close() });
});

const tempFile = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hg-accounts-'));
  return { dir, path: join(dir, 'gateway.sqlite') };
};

describeAccountStoreContract('SQLite file shared with the order store', async () => {
  const { dir, path } = tempFile();
  await new SqliteOrderStore({ path }).close(); // the order tables exist in the same file
  const store = new SqliteAccountStore({ path });
  return {
    store,
    cleanup: async () => {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});

describe('SQLite account store file', () => {
  it('keeps accounts, sessions and lockouts across close and reopen', async () => {
    const { dir, path } = tempFile();
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const a = new SqliteAccountStore({ path });
    await a.createAccount({
      id: 'yiyuan',
      name: '王芳',
      role: 'station',
      stationId: 'cuicheng-yiyuan-grid',
      passwordHash: 'scrypt$16384$8$1$c2FsdA==$aGFzaA==',
      disabled: false,
      demo: false,
      createdAt: '2026-03-02T01:00:00.000Z',
      updatedAt: '2026-03-02T01:00:00.000Z',
    });
    await a.createSession({
      idHash: 'h1',
      accountId: 'yiyuan',
      csrfToken: 'c1',
      createdAt: 1000,
      lastSeenAt: 1000,
      expiresAt: 100_000,
    });
    await a.recordFailure('account:x', 1000, { limit: 1, windowMs: 60_000, lockMs: 60_000 });
    await a.close();
    const b = new SqliteAccountStore({ path });
    onTestFinished(() => b.close());
    expect((await b.account('yiyuan'))?.name).toBe('王芳');
    expect((await b.session('h1'))?.csrfToken).toBe('c1');
    expect((await b.failures('account:x', 2000))?.lockedUntil).toBe(61_000);
  });
});
