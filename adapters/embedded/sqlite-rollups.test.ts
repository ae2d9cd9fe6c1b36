// The SQLite rollups pass the shared MetricsStore contract (the Redis rollups run it too), in memory
// and in a file, where the gateway keeps them.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeMetricsStoreContract } from '../../test/contracts/metrics-store.contract.js';
import { SqliteRollups } from './sqlite-rollups.js';

const opened = (db: Database.Database, removeAfter?: string) => {
  const rollups = new SqliteRollups(db);
  return {
    store: rollups,
    apply: async (orderId: string, cells: Parameters<SqliteRollups['apply']>[1]) => {
      db.transaction(() => rollups.apply(orderId, cells))();
    },
    close: async () => {
      db.close();
      if (removeAfter) rmSync(removeAfter, { recursive: true, force: true });
    },
  };
};

describeMetricsStoreContract('SQLite in memory', async () => opened(new Database(':memory:')));
describeMetricsStoreContract('SQLite file', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rollups-'));
  return opened(new Database(join(dir, 'gateway.sqlite')), dir);
});
