// The contract every InboxNotifier adapter passes (in-process; Redis pub/sub in cluster mode): a
// waiting pull wakes when its own station is notified and only then, times out with false, ends on
// abort, and leaves nothing behind. `make` returns two notifiers that share one medium (for the
// in-process adapter, the same object twice; for Redis, two processes' worth of connections), so a
// notification given on one wakes waiters on the other, as a commit on one gateway must.
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxNotifier } from '../../src/ports/order-store.js';
import { until } from '../support/until.js';

export interface NotifierPair {
  /** Where the commit happens. */
  notifying: InboxNotifier;
  /** Where the station's pull waits. */
  waiting: InboxNotifier & { waiting(): number };
  close(): Promise<void>;
}

export function describeInboxNotifierContract(name: string, make: () => Promise<NotifierPair>) {
  describe(`InboxNotifier contract: ${name}`, () => {
    const open: NotifierPair[] = [];
    const fresh = async () => {
      const pair = await make();
      open.push(pair);
      return pair;
    };
    afterEach(async () => {
      await Promise.all(open.splice(0).map((p) => p.close()));
    });

    it('wakes the waiting pull of the notified station', async () => {
      const { notifying, waiting } = await fresh();
      const woken = waiting.wait('station-a', 20_000);
      await until(() => waiting.waiting() === 1);
      // Across processes the subscription must be live before the notice; retry like a commit would
      // not need to, but a test must not depend on subscription timing.
      const started = Date.now();
      let result: boolean | undefined;
      void woken.then((r) => (result = r));
      while (result === undefined && Date.now() - started < 15_000) {
        notifying.notify('station-a');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(result).toBe(true);
      expect(waiting.waiting()).toBe(0);
    });

    it("never wakes another station's pull", async () => {
      const { notifying, waiting } = await fresh();
      let bWoken: boolean | undefined;
      let aWoken: boolean | undefined;
      void waiting.wait('station-b', 1_500).then((r) => (bWoken = r));
      void waiting.wait('station-a', 20_000).then((r) => (aWoken = r));
      await until(() => waiting.waiting() === 2);
      while (aWoken === undefined) {
        notifying.notify('station-a');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(aWoken).toBe(true);
      await until(() => bWoken !== undefined);
      expect(bWoken).toBe(false);
    });

    it('answers false when the wait ends, and keeps no waiter', async () => {
      const { waiting } = await fresh();
      const started = Date.now();
      expect(await waiting.wait('station-c', 200)).toBe(false);
      expect(Date.now() - started).toBeGreaterThanOrEqual(150);
      expect(waiting.waiting()).toBe(0);
    });

    it('ends a pull whose client went away, and ignores an already-gone one', async () => {
      const { waiting } = await fresh();
      const abort = new AbortController();
      const pending = waiting.wait('station-d', 20_000, abort.signal);
      await until(() => waiting.waiting() === 1);
      abort.abort();
      expect(await pending).toBe(false);
      expect(waiting.waiting()).toBe(0);
      expect(await waiting.wait('station-d', 20_000, abort.signal)).toBe(false);
      expect(waiting.waiting()).toBe(0);
    });

    it('wakes every pull of one station at once (a worker with the app open on two phones)', async () => {
      const { notifying, waiting } = await fresh();
      const results: boolean[] = [];
      for (let i = 0; i < 3; i++)
        void waiting.wait('station-e', 20_000).then((r) => results.push(r));
      await until(() => waiting.waiting() === 3);
      while (results.length < 3) {
        notifying.notify('station-e');
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(results).toEqual([true, true, true]);
    });
  });
}
