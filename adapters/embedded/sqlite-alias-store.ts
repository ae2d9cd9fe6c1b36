// The embedded alias store: accepted aliases in their own table of the gateway's SQLite file
// (migration 005), through a connection of its own, so an accepted alias survives a restart.
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { AcceptedAlias, AliasStore } from '../../src/ports/alias-store.js';
import { migrate } from './migrations/run-migrations.js';

interface AliasRow {
  code: string;
  alias: string;
  accepted_by: string;
  accepted_at: string;
}

export class SqliteAliasStore implements AliasStore {
  private readonly db: Database.Database;
  private readonly insert;
  private readonly all;

  constructor(options: { path: string; synchronous?: 'full' | 'normal' }) {
    if (options.path !== ':memory:') mkdirSync(dirname(options.path), { recursive: true });
    this.db = new Database(options.path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
    this.db.pragma('busy_timeout = 5000');
    migrate(this.db);
    this.insert = this.db.prepare(
      'INSERT OR IGNORE INTO accepted_aliases (code, alias, accepted_by, accepted_at) VALUES (?, ?, ?, ?)',
    );
    this.all = this.db.prepare<[], AliasRow>(
      'SELECT code, alias, accepted_by, accepted_at FROM accepted_aliases ORDER BY seq',
    );
  }

  accept(a: AcceptedAlias): Promise<boolean> {
    const r = this.insert.run(a.code, a.alias, a.acceptedBy, a.acceptedAt);
    return Promise.resolve(r.changes === 1);
  }

  list(): Promise<AcceptedAlias[]> {
    return Promise.resolve(
      this.all.all().map((r) => ({
        code: r.code,
        alias: r.alias,
        acceptedBy: r.accepted_by,
        acceptedAt: r.accepted_at,
      })),
    );
  }

  close(): Promise<void> {
    this.db.close();
    return Promise.resolve();
  }
}
