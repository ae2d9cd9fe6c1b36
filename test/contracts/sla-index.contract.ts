// The contract every SlaIndex adapter passes (the embedded SQLite store; Redis in cluster mode): the
// sweeper reads only what is due, earliest first; a write that changes an order's schedule moves it
// in the index; repair re-assesses every order after a policy change and reports what moved. The
// projection is a function the wiring supplies (policy + calendar); here the test sets each order's
// next fire time directly, so the index itself is what is checked.
import { afterEach, describe, expect, it } from 'vitest';
import type { OrderStore, Projection, SlaIndex } from '../../src/ports/order-store.js';
import { accepted, submission } from './order-store.contract.js';

const T0 = Date.parse('2026-03-02T02:00:00Z');
const minutes = (n: number) => T0 + n * 60_000;

export interface SlaIndexUnderTest {
  store: OrderStore & SlaIndex;
  close(): Promise<void>;
}

export function describeSlaIndexContract(
  name: string,
  make: (options: { project: Projection }) => Promise<SlaIndexUnderTest>,
) {
  describe(`SlaIndex contract: ${name}`, () => {
    const open: SlaIndexUnderTest[] = [];
    afterEach(async () => {
      await Promise.all(open.splice(0).map((s) => s.close()));
    });

    /** A store whose projection reads each order's next fire time from `fires` (null: nothing due). */
    async function fresh() {
      const fires = new Map<string, number | null>();
      const project: Projection = (view) => ({
        nextFireAt: view.state === 'dispatched' ? (fires.get(view.id) ?? null) : null,
        figures: [],
      });
      const under = await make({ project });
      open.push(under);
      return { store: under.store, fires };
    }

    it('answers only what is due, earliest first, up to the limit', async () => {
      const { store, fires } = await fresh();
      fires.set('o1', minutes(30));
      fires.set('o2', minutes(10));
      fires.set('o3', minutes(20));
      fires.set('o4', null);
      for (const [i, id] of ['o1', 'o2', 'o3', 'o4'].entries())
        await store.submit(submission(id, `E${i}`));
      expect(await store.due(minutes(5), 100)).toEqual([]);
      expect(await store.due(minutes(20), 100)).toEqual(['o2', 'o3']);
      expect(await store.due(minutes(60), 2)).toEqual(['o2', 'o3']);
      expect(await store.due(minutes(60), 100)).toEqual(['o2', 'o3', 'o1']);
    });

    it('tells the earliest next fire time, and nothing when nothing is scheduled', async () => {
      const { store, fires } = await fresh();
      expect(await store.nextFireAt()).toBeNull();
      fires.set('o1', minutes(45));
      fires.set('o2', minutes(15));
      await store.submit(submission('o1', 'E1'));
      await store.submit(submission('o2', 'E2'));
      expect(await store.nextFireAt()).toBe(minutes(15));
    });

    it('moves an order when a write changes its schedule', async () => {
      const { store, fires } = await fresh();
      fires.set('o1', minutes(10));
      fires.set('o2', minutes(20));
      await store.submit(submission('o1', 'E1'));
      await store.submit(submission('o2', 'E2'));
      // Accepted: the schedule above has nothing more to fire for it.
      await store.append('o1', 2, [accepted('o1')]);
      expect(await store.due(minutes(60), 100)).toEqual(['o2']);
      expect(await store.nextFireAt()).toBe(minutes(20));
    });

    it('re-assesses every order on repair and reports the ones whose figures changed', async () => {
      const fires = new Map<string, number | null>([
        ['o1', minutes(10)],
        ['o2', minutes(20)],
      ]);
      let dueAt = '2026-03-02T10:00:00.000Z';
      const project: Projection = (view) => ({
        nextFireAt: fires.get(view.id) ?? null,
        figures: [{ target: 'resolve', cycle: 1, status: 'open', dueAt }],
      });
      const under = await make({ project });
      open.push(under);
      const { store } = under;
      await store.submit(submission('o1', 'E1'));
      await store.submit(submission('o2', 'E2'));
      // A policy change: a later deadline for every order, and o1 now fires after o2.
      dueAt = '2026-03-03T10:00:00.000Z';
      fires.set('o1', minutes(40));
      const report = await store.repair();
      expect(report.orders).toBe(2);
      expect(report.changes.map((c) => c.orderId).sort()).toEqual(['o1', 'o2']);
      expect(report.changes[0]?.after[0]?.dueAt).toBe(dueAt);
      expect(await store.due(minutes(30), 100)).toEqual(['o2']);
      expect(await store.nextFireAt()).toBe(minutes(20));
      expect((await store.repair()).changes).toEqual([]);
    });
  });
}
