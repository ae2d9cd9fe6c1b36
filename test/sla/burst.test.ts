// The SLA burst (issue 15.2): many orders falling due in the same second are emitted by one sweep in
// one transaction (the embedded store's emitDue), each breach exactly once, also after a restart of
// the store; orders not yet due are left alone.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { NewEvent } from '../../contracts/events.js';
import type { SlaPolicy } from '../../contracts/sla.js';
import { createSlaEngine, sweepSla } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { dispatched, exampleCalendar, order } from '../support/sla-fixtures.js';

const policy: SlaPolicy = {
  version: 'burst',
  workingHours: [],
  rules: [
    {
      id: 'burst',
      match: {},
      targets: { respond: { amount: 24, clock: 'clock_hours', warnAt: [], pausable: false } },
    },
  ],
};
const dueAt = Date.parse('2026-03-03T10:00:00+08:00');

function submission(n: number, receivedMs: number) {
  const at = new Date(receivedMs).toISOString();
  const o = {
    ...order('2026-03-02T10:00:00'),
    id: `ord_burst_${n}`,
    externalId: `BURST-${n}`,
    receivedAt: at,
  };
  const events: NewEvent[] = [
    {
      orderId: o.id,
      at,
      actor: { role: 'source', id: o.source },
      data: { type: 'order.received', order: o },
    },
    { orderId: o.id, at, actor: { role: 'system', id: 'router' }, data: dispatched() },
  ];
  return {
    orderId: o.id,
    source: o.source,
    externalId: o.externalId,
    bodyHash: '',
    raw: { contentType: 'application/json', body: new Uint8Array([123, 125]), receivedAt: at },
    events,
  };
}

describe('SLA burst', () => {
  it('emits every breach due in the same second once, in one sweep, and not again after a restart', async () => {
    let now = dueAt - 3_600_000;
    const clock = { now: () => new Date(now) };
    const sla = createSlaEngine(policy, exampleCalendar, clock);
    const path = join(mkdtempSync(join(tmpdir(), 'hg-burst-')), 'gateway.sqlite');
    const open = () => new SqliteOrderStore({ path, project: storeProjection({ sla }) });
    let store = open();
    const due = 400;
    await Promise.all(
      Array.from({ length: due + 50 }, (_, n) =>
        // The last 50 were received an hour later: due an hour after the burst.
        store.submit(submission(n, dueAt - 86_400_000 + (n < due ? 0 : 3_600_000))),
      ),
    );
    expect(await sweepSla({ store, index: store, sla, clock })).toEqual({ orders: 0, emitted: 0 });

    now = dueAt;
    expect(await sweepSla({ store, index: store, sla, clock })).toEqual({
      orders: due,
      emitted: due,
    });
    const breaches = async (n: number) =>
      (await store.events(`ord_burst_${n}`)).filter((e) => e.data.type === 'sla.breached').length;
    expect(await breaches(0)).toBe(1);
    expect(await breaches(due - 1)).toBe(1);
    expect(await breaches(due)).toBe(0);

    await store.close();
    store = open();
    now = dueAt + 1000;
    expect(await sweepSla({ store, index: store, sla, clock })).toEqual({ orders: 0, emitted: 0 });
    expect(await breaches(7)).toBe(1);
    expect((await store.get('ord_burst_7'))?.version).toBe(3);

    now = dueAt + 3_600_000;
    expect(await sweepSla({ store, index: store, sla, clock })).toEqual({
      orders: 50,
      emitted: 50,
    });
    expect(await breaches(due)).toBe(1);
    await store.close();
  });
});
