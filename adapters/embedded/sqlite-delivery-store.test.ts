// The embedded delivery store passes the DeliveryStore contract, in memory and in a file beside the
// order store's tables; pending deliveries and the checkpoint survive closing and reopening the file.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDeliveryStoreContract } from '../../test/contracts/delivery-store.contract.js';
import { SqliteDeliveryStore } from './sqlite-delivery-store.js';
import { SqliteOrderStore } from './sqlite-order-store.js';
import { SecretBox } from '../../src/webhooks/secret-box.js';

const box = new SecretBox([{ kid: 'test', key: Buffer.alloc(32, 7) }]);

describeDeliveryStoreContract('SQLite in memory', () =>
  Promise.resolve(new SqliteDeliveryStore({ path: ':memory:' })),
);
describeDeliveryStoreContract('SQLite file shared with the order store', async () => {
  const path = join(mkdtempSync(join(tmpdir(), 'hg-deliveries-')), 'gateway.sqlite');
  const orders = new SqliteOrderStore({ path });
  await orders.close(); // the order tables exist in the same file; the delivery store opens its own connection
  return new SqliteDeliveryStore({ path, secrets: box });
});

describe('SQLite delivery store file', () => {
  it('keeps pending deliveries and the checkpoint across close and reopen', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hg-deliveries-')), 'gateway.sqlite');
    const a = new SqliteDeliveryStore({ path, secrets: box });
    await a.createSubscription({
      id: 'sub_a',
      source: 'bj-12345',
      url: 'https://h.example/',
      eventTypes: ['order.accepted'],
      secret: 'whsec_c2VjcmV0LXNlY3JldC1zZWNyZXQ=',
      status: 'active',
      createdAt: '2026-03-02T01:00:00.000Z',
    });
    await a.enqueue(
      [
        {
          id: 'm1',
          subscriptionId: 'sub_a',
          orderId: 'o1',
          seq: 3,
          eventType: 'order.accepted',
          payload: '{}',
          createdAt: '2026-03-02T01:00:00.000Z',
          nextAttemptAt: 1000,
        },
      ],
      42,
    );
    await a.close();
    const b = new SqliteDeliveryStore({ path, secrets: box });
    expect(await b.checkpoint()).toBe(42);
    expect((await b.due(1000, 10)).map((d) => d.id)).toEqual(['m1']);
    expect((await b.subscription('sub_a'))?.eventTypes).toEqual(['order.accepted']);
    await b.close();
  });
});
