// Long-poll wake-ups inside one process. The cluster mode replaces this with Redis pub/sub.
import type { InboxNotifier } from '../../src/ports/order-store.js';

export class InProcessNotifier implements InboxNotifier {
  private readonly waiters = new Map<string, Set<() => void>>();

  notify(stationId: string): void {
    const set = this.waiters.get(stationId);
    if (!set) return;
    this.waiters.delete(stationId);
    for (const wake of set) wake();
  }

  wait(stationId: string, timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      let set = this.waiters.get(stationId);
      if (!set) {
        set = new Set();
        this.waiters.set(stationId, set);
      }
      const finish = (woken: boolean) => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        this.waiters.get(stationId)?.delete(wake);
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
