// Long-poll wake-ups inside one process: the embedded mode's notifier, and the local half of the
// cluster's (which adds Redis pub/sub across processes around it). A waiter is woken only by its own
// station's id; a woken or timed-out waiter leaves no trace behind.
import type { InboxNotifier } from '../ports/order-store.js';

export class InProcessNotifier implements InboxNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  /** Pulls waiting now, for the long-poll gauge. */
  waiting(): number {
    let n = 0;
    for (const set of this.waiters.values()) n += set.size;
    return n;
  }

  notify(stationId: string): void {
    const set = this.waiters.get(stationId);
    if (!set) return;
    this.waiters.delete(stationId);
    for (const wake of set) wake();
  }

  wait(stationId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    return new Promise((resolve) => {
      let set = this.waiters.get(stationId);
      if (!set) {
        set = new Set();
        this.waiters.set(stationId, set);
      }
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        const current = this.waiters.get(stationId);
        current?.delete(wake);
        // An empty set left behind would grow the map by one entry per station ever polled.
        if (current?.size === 0) this.waiters.delete(stationId);
        resolve(woken);
      };
      const wake = () => finish(true);
      const onAbort = () => finish(false);
      const timer = setTimeout(() => finish(false), timeoutMs);
      set.add(wake);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  }
}
