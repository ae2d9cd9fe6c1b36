// The migration runner: each numbered file runs once, in order, in its own transaction; a failing
// step leaves the database at the last good version; a database newer than the code is refused.
import Database from 'better-sqlite3';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMigrations, migrate, MigrationError } from './run-migrations.js';

const dir = mkdtempSync(join(tmpdir(), 'hg-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function folder(name: string, files: Record<string, string>): string {
  const d = join(dir, name);
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d, { recursive: true });
  for (const [f, sql] of Object.entries(files)) writeFileSync(join(d, f), sql);
  return d;
}

describe('migrate', () => {
  it('applies the real migrations to a new file once; a second connection finds nothing to do', () => {
    const path = join(dir, 'real.sqlite');
    const a = new Database(path);
    const b = new Database(path);
    expect(migrate(a)).toEqual(loadMigrations().map((m) => m.version));
    expect(migrate(b)).toEqual([]);
    expect(b.prepare("SELECT name FROM sqlite_master WHERE name = 'orders'").get()).toBeTruthy();
    a.close();
    b.close();
  });

  it('runs only the new step on an existing file, and a failing step rolls back alone', () => {
    const db = new Database(':memory:');
    const one = { '001-first.sql': 'CREATE TABLE t (a TEXT);' };
    expect(migrate(db, loadMigrations(folder('one', one)))).toEqual([1]);
    const two = { ...one, '002-add-b.sql': 'ALTER TABLE t ADD COLUMN b TEXT;' };
    expect(migrate(db, loadMigrations(folder('two', two)))).toEqual([2]);
    const bad = {
      ...two,
      '003-broken.sql': 'CREATE TABLE u (x); INSERT INTO nowhere VALUES (1);',
    };
    expect(() => migrate(db, loadMigrations(folder('bad', bad)))).toThrow(/003-broken.sql/);
    expect(db.pragma('user_version', { simple: true })).toBe(2);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'u'").get()).toBeUndefined();
  });

  it('refuses gaps, twins and badly named files, and a database newer than the code', () => {
    expect(() => loadMigrations(folder('gap', { '001-a.sql': '', '003-c.sql': '' }))).toThrow(
      MigrationError,
    );
    expect(() => loadMigrations(folder('twin', { '001-a.sql': '', '001-b.sql': '' }))).toThrow(
      MigrationError,
    );
    expect(() => loadMigrations(folder('name', { 'add-thing.sql': '' }))).toThrow(/NNN-some-name/);
    const db = new Database(':memory:');
    db.pragma('user_version = 9');
    expect(() => migrate(db)).toThrow(/newer than this build knows/);
  });
});
