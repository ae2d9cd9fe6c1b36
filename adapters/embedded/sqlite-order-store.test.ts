import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeOrderStoreContract } from '../../test/contracts/order-store.contract.js';
import { describeSlaIndexContract } from '../../test/contracts/sla-index.contract.js';
import { SqliteOrderStore } from './sqlite-order-store.js';

describeOrderStoreContract('SQLite in memory', (o) =>
  Promise.resolve(new SqliteOrderStore({ path: ':memory:', ...o })),
);
describeOrderStoreContract('SQLite file (WAL, full sync)', (o) =>
  Promise.resolve(
    new SqliteOrderStore({
      path: join(mkdtempSync(join(tmpdir(), 'hg-store-')), 'g.sqlite'),
      ...o,
    }),
  ),
);

describeSlaIndexContract('SQLite file', async (o) => {
  const store = new SqliteOrderStore({
    path: join(mkdtempSync(join(tmpdir(), 'hg-sla-index-')), 'g.sqlite'),
    ...o,
  });
  return { store, close: () => Promise.resolve(store.close()) };
});

describe('SQLite file store', () => {
  it('keeps orders across close and reopen', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hg-store-')), 'g.sqlite');
    const a = new SqliteOrderStore({ path });
    const { orderId, ...rest } = {
      orderId: 'o1',
      source: 's',
      externalId: 'E',
      bodyHash: 'h',
      raw: {
        contentType: 'application/json',
        body: new Uint8Array([123, 125]),
        receivedAt: '2026-01-01T00:00:00Z',
      },
    };
    await a.submit({
      orderId,
      ...rest,
      events: [
        {
          orderId,
          at: '2026-01-01T00:00:00Z',
          actor: { role: 'source', id: 's' },
          data: {
            type: 'order.received',
            order: {
              id: orderId,
              source: 's',
              externalId: 'E',
              channel: 'web',
              type: 'other',
              topic: ['其他'],
              title: 't',
              content: 'c',
              caller: {},
              location: { address: 'x' },
              receivedAt: '2026-01-01T08:00:00+08:00',
              urgency: 'normal',
              attachments: [],
              extra: {},
            },
          },
        },
      ],
    });
    await a.close();
    const b = new SqliteOrderStore({ path });
    expect((await b.get('o1'))?.externalId).toBe('E');
    await b.close();
  });
});
