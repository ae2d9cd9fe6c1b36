// The embedded alias store passes the AliasStore contract in the gateway's SQLite file beside the order
// tables (migration 005), reopened as a restarted gateway would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteAliasStore } from '../../adapters/embedded/sqlite-alias-store.js';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { AliasStore } from '../../src/ports/alias-store.js';
import { describeAliasStoreContract } from './alias-store.contract.js';

describeAliasStoreContract('SQLite file shared with the order store', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'hg-aliases-'));
  const path = join(dir, 'gateway.sqlite');
  await new SqliteOrderStore({ path }).close(); // the order tables exist in the same file
  const opened: AliasStore[] = [new SqliteAliasStore({ path })];
  return {
    store: opened[0] as AliasStore,
    reopen: async () => {
      await (opened[0] as AliasStore).close();
      const again = new SqliteAliasStore({ path });
      opened[0] = again;
      return Promise.resolve(again);
    },
    cleanup: async () => {
      await (opened[0] as AliasStore).close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
});
