// Completes writes whose process died (or gave up) between the reservation and the commit: produces
// the same record again and commits it, a duplicate in the log that every reader drops by (order id,
// seq). Safe in every process at once: each intent is claimed for 30 s before it is worked on.
import type { OrderView } from '../../contracts/views.js';
import type { ClusterOrderWrites } from './cluster-order-writes.js';
import type { ClusterReadiness } from './cluster-readiness.js';
import { keyOf, type ClusterKeys } from './cluster-store-keys.js';

export interface ReconcilerOptions {
  /** Intents older than this are completed. Default 15 s. */
  reconcileAfterMs?: number | undefined;
  /** Called after completing someone else's write (to wake long-polls). */
  onReconciled?: ((view: OrderView) => void) | undefined;
}

export class ClusterReconciler {
  private timer: ReturnType<typeof setInterval> | undefined;
  /** The round under way, so close can wait for it. */
  running: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly k: ClusterKeys,
    private readonly writes: ClusterOrderWrites,
    private readonly readiness: ClusterReadiness,
    private readonly o: ReconcilerOptions,
  ) {}

  /** Looks every `everyMs` (0: never; tests call reconcile()). */
  start(everyMs: number): void {
    if (everyMs > 0)
      this.timer = setInterval(() => {
        this.running = this.reconcile().catch(() => undefined);
      }, everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  async reconcile(olderThanMs = this.o.reconcileAfterMs ?? 15_000): Promise<number> {
    await this.readiness.refresh();
    const ids = await this.k.redis.zrangebyscore(
      keyOf(this.k, 'intents'),
      '-inf',
      Date.now() - olderThanMs,
      'LIMIT',
      0,
      100,
    );
    let done = 0;
    for (const id of ids) {
      if (this.writes.inFlight.has(id)) continue;
      const claim = keyOf(this.k, 'claim:', id);
      if ((await this.k.redis.set(claim, '1', 'PX', 30_000, 'NX')) !== 'OK') continue;
      try {
        const rec = await this.writes.intent(id);
        if (!rec) continue;
        const view = await this.writes.complete(rec);
        done += 1;
        this.o.onReconciled?.(view);
      } catch {
        /* still failing: the next round tries again */
      } finally {
        await this.k.redis.del(claim);
      }
    }
    return done;
  }
}
