// Group commit for the embedded store: writes arriving in the same turn of the event loop share one
// transaction and so one fsync. Each runs in its own savepoint, so one failure (a version conflict,
// say) never takes the others with it, and no caller hears of success before the commit that makes
// it durable. Durability ('full'): the commit runs with synchronous=NORMAL and the WAL file is then
// fsynced off the event loop (libuv's pool); batches committed while one fsync runs share the next,
// so the loop keeps parsing requests while the disk works.
import type Database from 'better-sqlite3';
import { closeSync, fdatasync, fdatasyncSync, openSync } from 'node:fs';
import { timedCommit } from '../../src/telemetry/store-signals.js';

interface Pending {
  write: () => unknown;
  resolve: (v: unknown) => void;
  reject: (e: Error) => void;
}

const asError = (err: unknown): Error => (err instanceof Error ? err : new Error(String(err)));

export class SqliteGroupCommit {
  /** Runs a function in a savepoint (made once: better-sqlite3 builds four wrappers per call). */
  readonly inSavepoint: (write: () => unknown) => unknown;
  private pending: Pending[] = [];
  /** Batches committed but not yet fsynced; they are told of success only after the next fsync. */
  private unsynced: { settle: () => void; fail: (e: Error) => void }[] = [];
  private syncing: Promise<void> | null = null;
  private walFd: number | null = null;

  /** `walPath`: the WAL file to fsync before acknowledging; null: SQLite syncs itself. */
  constructor(
    private readonly db: Database.Database,
    private readonly walPath: string | null,
  ) {
    this.inSavepoint = db.transaction((write: () => unknown) => write());
  }

  /** Runs `write` in the next batch's transaction; resolves once that batch is durable. */
  enqueue<T>(write: () => T): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ write, resolve: resolve as (v: unknown) => void, reject });
      if (this.pending.length === 1) setImmediate(this.flush);
    });
  }

  private readonly flush = (): void => {
    const batch = this.pending;
    this.pending = [];
    let results: ({ ok: unknown } | { error: Error })[];
    try {
      results = timedCommit(batch.length, () =>
        this.db
          .transaction(() =>
            batch.map((b) => {
              try {
                return { ok: this.inSavepoint(b.write) };
              } catch (err) {
                return { error: asError(err) };
              }
            }),
          )
          .immediate(),
      );
    } catch (err) {
      for (const b of batch) b.reject(asError(err));
      return;
    }
    const settle = () =>
      results.forEach((r, i) => {
        const b = batch[i];
        if (!b) return;
        if ('ok' in r) b.resolve(r.ok);
        else b.reject(r.error);
      });
    if (this.walPath === null) settle();
    else {
      this.unsynced.push({ settle, fail: (e) => batch.forEach((b) => b.reject(e)) });
      this.syncWal();
    }
  };

  /** One fsync of the WAL at a time, off the event loop; whatever committed meanwhile rides the next. */
  private syncWal(): void {
    if (this.syncing || this.unsynced.length === 0 || this.walPath === null) return;
    const waiting = this.unsynced;
    this.unsynced = [];
    this.walFd ??= openSync(this.walPath, 'r');
    this.syncing = new Promise<void>((done) =>
      fdatasync(this.walFd as number, (err) => {
        this.syncing = null;
        for (const w of waiting) {
          if (err) w.fail(err);
          else w.settle();
        }
        done();
        this.syncWal();
      }),
    );
  }

  /** Commits what is queued and waits until all of it is durable (before the database closes). */
  async drain(): Promise<void> {
    if (this.pending.length > 0) this.flush();
    while (this.syncing) await this.syncing;
    if (this.walFd !== null) {
      fdatasyncSync(this.walFd);
      for (const w of this.unsynced.splice(0)) w.settle();
      closeSync(this.walFd);
      this.walFd = null;
    }
  }
}
