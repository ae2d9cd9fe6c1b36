// The contract every DeliveryStore adapter must pass (embedded SQLite today; Redis in cluster mode):
// subscriptions per source, exactly-once projection with its checkpoint, lane order per order, the
// attempt outcomes (retry, dead, 410 Gone), the source-scoped log and the replay of dead deliveries.
import { describe, expect, it } from 'vitest';
import type {
  DeliveryStore,
  NewDelivery,
  StoredSubscription,
} from '../../src/ports/delivery-store.js';

const t0 = Date.parse('2026-03-02T01:00:00Z');

const sub = (id: string, source = 'bj-12345'): StoredSubscription => ({
  id,
  source,
  url: `https://hotline.example/${id}`,
  eventTypes: null,
  secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=',
  status: 'active',
  createdAt: new Date(t0).toISOString(),
});

const delivery = (
  id: string,
  subscriptionId: string,
  orderId: string,
  seq: number,
  nextAttemptAt = t0,
): NewDelivery => ({
  id,
  subscriptionId,
  orderId,
  seq,
  eventType: 'order.accepted',
  payload: `{"seq":${seq}}`,
  createdAt: new Date(t0).toISOString(),
  nextAttemptAt,
});

const attempt = (status?: number) => ({
  at: new Date(t0).toISOString(),
  ...(status !== undefined ? { status } : {}),
  durationMs: 3,
});

export function describeDeliveryStoreContract(
  name: string,
  make: () => Promise<DeliveryStore>,
): void {
  describe(`DeliveryStore contract: ${name}`, () => {
    it("keeps subscriptions per source and deletes only the owner's, with their deliveries", async () => {
      const s = await make();
      await s.createSubscription(sub('sub_a'));
      await s.createSubscription(sub('sub_b', 'sh-12345'));
      expect((await s.subscriptions('bj-12345')).map((x) => x.id)).toEqual(['sub_a']);
      expect((await s.subscriptions()).map((x) => x.id).sort()).toEqual(['sub_a', 'sub_b']);
      await s.enqueue([delivery('m1', 'sub_a', 'o1', 1)], 1);
      expect(await s.deleteSubscription('sh-12345', 'sub_a')).toBe(false);
      expect(await s.deleteSubscription('bj-12345', 'sub_a')).toBe(true);
      expect(await s.subscription('sub_a')).toBeNull();
      expect(await s.get('m1')).toBeNull();
      await s.close();
    });

    it('moves the checkpoint with the deliveries, and ignores a delivery projected twice', async () => {
      const s = await make();
      expect(await s.checkpoint()).toBe(0);
      await s.createSubscription(sub('sub_a'));
      await s.enqueue([delivery('m1', 'sub_a', 'o1', 1)], 7);
      await s.enqueue([delivery('m1-again', 'sub_a', 'o1', 1)], 7);
      expect(await s.checkpoint()).toBe(7);
      expect((await s.list({ limit: 10 })).items.map((d) => d.id)).toEqual(['m1']);
      await s.close();
    });

    it('offers only the head of each lane: seq 2 of an order waits until seq 1 is delivered or dead', async () => {
      const s = await make();
      await s.createSubscription(sub('sub_a'));
      await s.enqueue(
        [
          delivery('o1-1', 'sub_a', 'o1', 1),
          delivery('o1-2', 'sub_a', 'o1', 2),
          delivery('o2-1', 'sub_a', 'o2', 1),
        ],
        3,
      );
      expect((await s.due(t0, 10)).map((d) => d.id).sort()).toEqual(['o1-1', 'o2-1']);
      await s.recordAttempt('o1-1', attempt(500), { status: 'pending', nextAttemptAt: t0 + 5000 });
      // seq 1 is waiting for its retry: seq 2 must not overtake it.
      expect((await s.due(t0 + 1000, 10)).map((d) => d.id)).toEqual(['o2-1']);
      expect(await s.nextDueAt()).toBe(t0);
      await s.recordAttempt('o1-1', attempt(), { status: 'dead' });
      expect((await s.due(t0 + 1000, 10)).map((d) => d.id).sort()).toEqual(['o1-2', 'o2-1']);
      await s.close();
    });

    it('keeps every attempt, and lists dead deliveries for their own source only', async () => {
      const s = await make();
      await s.createSubscription(sub('sub_a'));
      await s.createSubscription(sub('sub_b', 'sh-12345'));
      await s.enqueue([delivery('a1', 'sub_a', 'o1', 1), delivery('b1', 'sub_b', 'o9', 1)], 2);
      await s.recordAttempt('a1', attempt(500), { status: 'pending', nextAttemptAt: t0 + 5000 });
      await s.recordAttempt(
        'a1',
        { at: new Date(t0 + 5000).toISOString(), error: 'timeout after 100 ms', durationMs: 100 },
        { status: 'dead' },
      );
      await s.recordAttempt('b1', attempt(503), { status: 'dead' });
      const mine = await s.list({ source: 'bj-12345', status: 'dead', limit: 10 });
      expect(mine.items.map((d) => d.id)).toEqual(['a1']);
      expect(mine.items[0]?.attempts).toEqual([
        attempt(500),
        { at: new Date(t0 + 5000).toISOString(), error: 'timeout after 100 ms', durationMs: 100 },
      ]);
      expect((await s.list({ status: 'dead', limit: 10 })).items).toHaveLength(2);
      await s.close();
    });

    it('pages with a cursor', async () => {
      const s = await make();
      await s.createSubscription(sub('sub_a'));
      await s.enqueue(
        [1, 2, 3].map((n) => delivery(`m${n}`, 'sub_a', `o${n}`, 1)),
        3,
      );
      const first = await s.list({ limit: 2 });
      expect(first.items.map((d) => d.id)).toEqual(['m1', 'm2']);
      const second = await s.list({ limit: 2, cursor: first.nextCursor ?? undefined });
      expect(second.items.map((d) => d.id)).toEqual(['m3']);
      expect(second.nextCursor).toBeNull();
      await s.close();
    });

    it('on 410 Gone disables the subscription and kills its pending deliveries', async () => {
      const s = await make();
      await s.createSubscription(sub('sub_a'));
      await s.enqueue(
        [delivery('m1', 'sub_a', 'o1', 1), delivery('m2', 'sub_a', 'o2', 1, t0 + 60_000)],
        2,
      );
      await s.recordAttempt('m1', attempt(410), {
        status: 'gone',
        reason: 'the endpoint answered 410 Gone',
      });
      expect(await s.subscription('sub_a')).toMatchObject({
        status: 'disabled',
        disabledReason: 'the endpoint answered 410 Gone',
      });
      expect((await s.get('m2'))?.status).toBe('dead');
      expect(await s.due(t0 + 120_000, 10)).toEqual([]);
      await s.close();
    });

    it('replays a dead delivery: pending again, due now, its attempts kept; other states are left alone', async () => {
      const s = await make();
      await s.createSubscription(sub('sub_a'));
      await s.enqueue([delivery('m1', 'sub_a', 'o1', 1), delivery('m2', 'sub_a', 'o2', 1)], 2);
      await s.recordAttempt('m1', attempt(500), { status: 'dead' });
      await s.recordAttempt('m2', attempt(200), { status: 'delivered' });
      await s.replay('m1', t0 + 9000);
      await s.replay('m2', t0 + 9000);
      expect(await s.get('m1')).toMatchObject({
        status: 'pending',
        nextAttemptAt: t0 + 9000,
        attempts: [attempt(500)],
      });
      expect((await s.get('m2'))?.status).toBe('delivered');
      expect((await s.due(t0 + 9000, 10)).map((d) => d.id)).toEqual(['m1']);
      // An attempt reported for a delivery no longer pending changes nothing.
      await s.recordAttempt('m2', attempt(500), { status: 'dead' });
      expect((await s.get('m2'))?.status).toBe('delivered');
      await s.close();
    });
  });
}
