// Versioned schema migrations of the embedded store, run at start by every connection that opens the
// gateway's SQLite file. The applied version is SQLite's own `PRAGMA user_version`; each numbered
// `NNN-name.sql` file beside this one runs once, in its own IMMEDIATE transaction that re-reads the
// version first, so two connections (or two processes) opening one file never apply a step twice.
// Adding a migration is adding the next numbered file; see docs/architecture.md.
import type Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

const migrationsDir = dirname(fileURLToPath(import.meta.url));
const fileName = /^(\d{3})-([a-z0-9][a-z0-9-]*)\.sql$/;

export class MigrationError extends Error {}

/** The numbered migrations in this directory, checked to run 1, 2, 3… without gaps or duplicates. */
export function loadMigrations(dir = migrationsDir): Migration[] {
  const found = readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .map((f) => {
      const m = fileName.exec(f);
      if (!m) throw new MigrationError(`migration file ${f}: name it NNN-some-name.sql`);
      return { version: Number(m[1]), name: f, sql: readFileSync(join(dir, f), 'utf8') };
    })
    .sort((a, b) => a.version - b.version);
  found.forEach((m, i) => {
    if (m.version !== i + 1)
      throw new MigrationError(`migration ${m.name}: expected number ${i + 1} (no gaps, no twins)`);
  });
  return found;
}

let cached: Migration[] | undefined;

/** Brings the database up to the newest migration; returns the versions it applied (often none). */
export function migrate(
  db: Database.Database,
  migrations = (cached ??= loadMigrations()),
): number[] {
  const latest = migrations.length;
  const current = () => db.pragma('user_version', { simple: true }) as number;
  if (current() > latest)
    throw new MigrationError(
      `the database is at schema version ${current()}, newer than this build knows (${latest}): ` +
        'run the release that wrote it, or a newer one',
    );
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current()) continue;
    db.exec('BEGIN IMMEDIATE');
    try {
      if (current() < m.version) {
        db.exec(m.sql);
        db.pragma(`user_version = ${m.version}`);
        applied.push(m.version);
      }
      db.exec('COMMIT');
    } catch (err) {
      db.exec('ROLLBACK');
      throw new MigrationError(
        `migration ${m.name} failed: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
  return applied;
}
