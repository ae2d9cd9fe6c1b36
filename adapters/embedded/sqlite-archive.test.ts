// Retention on a real SQLite file: an old closed order leaves the hot store for the archive with its
// events and raw bytes, stays readable and exportable, a repeated push still finds it, and the
// figures (rollups) are the same after the move and after a rebuild; its 协办 rows go with it.
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EventData, NewEvent } from '../../contracts/events.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { buildPlaceIndex } from '../../src/domain/routing/place-index.js';
import { WorkCalendar } from '../../src/domain/sla/calendar.js';
import { archiveClosedOrders, exportLine } from '../../src/usecases/archive.js';
import { createSlaEngine } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { cst, dispatched, order } from '../../test/support/sla-fixtures.js';
import { exampleConfigDir } from '../../test/support/test-gateway.js';
import { SqliteOrderStore } from './sqlite-order-store.js';

const files = loadConfigFiles(exampleConfigDir);
const places = buildPlaceIndex(files.gazetteer, files.directory);
const clock = { now: () => new Date('2026-03-02T09:00:00+08:00') };
const sla = createSlaEngine(files.slaPolicy, new WorkCalendar(files.calendar), clock);

function open(path: string) {
  return new SqliteOrderStore({
    path,
    project: storeProjection({ sla, places, assessment: files.assessment }),
  });
}

const liaison = 'bj-chaoyang-power-liaison';

/** `assisted`: the liaison was asked for its 协办 part, accepted and reported it before 办结. */
function submission(n: number, receivedLocal: string, closed: boolean, assisted = false) {
  const o = order(receivedLocal, { id: `ord_arc_${n}`, externalId: `ARC-${n}` });
  const steps: [string, EventData][] = [
    [receivedLocal, { type: 'order.received', order: o }],
    [receivedLocal, dispatched()],
  ];
  const day = receivedLocal.slice(0, 10);
  if (assisted)
    steps.push(
      [
        `${day}T10:30:00`,
        { type: 'order.assist_requested', stationId: liaison, stationName: '供电联络员' },
      ],
      [`${day}T10:40:00`, { type: 'order.assist_accepted', stationId: liaison }],
      [`${day}T12:00:00`, { type: 'order.assist_reported', stationId: liaison, opinion: '已更换' }],
    );
  if (closed) {
    steps.push(
      [`${day}T11:00:00`, { type: 'order.accepted' }],
      [`${day}T11:30:00`, { type: 'order.contacted', method: 'phone' }],
      [`${day}T16:00:00`, { type: 'order.resolved', result: '已修复', reply: '已修复' }],
      [
        `${day}T18:00:00`,
        { type: 'order.callback_recorded', valid: true, satisfaction: 'satisfied' },
      ],
    );
  }
  const events: NewEvent[] = steps.map(([local, data]) => ({
    orderId: o.id,
    at: cst(local),
    actor: { role: 'system', id: 'test' },
    data,
  }));
  return {
    orderId: o.id,
    source: o.source,
    externalId: o.externalId,
    bodyHash: '',
    raw: {
      contentType: 'application/json',
      body: new TextEncoder().encode(`{"n":${n},"text":"路灯不亮"}`),
      receivedAt: events[0]?.at ?? '',
    },
    events,
  };
}

const rollups = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return {
      counts: db.prepare('SELECT * FROM rollup_counts ORDER BY 1, 2, 3, 4, 5, 6').all(),
      hist: db.prepare('SELECT * FROM rollup_hist ORDER BY 1, 2, 3, 4, 5, 6, 7, 8').all(),
    };
  } finally {
    db.close();
  }
};

describe('archiving closed orders (retention)', () => {
  it('moves an old closed order to the archive; it stays readable, exportable, counted and idempotent', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hg-archive-')), 'gateway.sqlite');
    const store = open(path);
    const old = submission(1, '2024-01-08T10:00:00', true);
    const recent = submission(2, '2026-02-23T10:00:00', true);
    const oldOpen = submission(3, '2024-01-09T10:00:00', false);
    for (const s of [old, recent, oldOpen]) expect((await store.submit(s)).status).toBe('created');
    const eventsBefore = await store.events(old.orderId);
    const viewBefore = await store.get(old.orderId);
    expect(viewBefore?.state).toBe('closed');
    const before = rollups(path);
    expect(before.counts.length).toBeGreaterThan(0);

    const run = archiveClosedOrders({ store, clock }, 365);
    expect(run).toMatchObject({ orders: 1, events: 6, rawBytes: old.raw.body.length });

    // Gone from the hot store's lists and tables; still read through the archive.
    const listed = await store.list({ limit: 50 });
    expect(listed.items.map((v) => v.id).sort()).toEqual([recent.orderId, oldOpen.orderId].sort());
    const after = rollups(path);
    const hotDb = new Database(path, { readonly: true });
    expect(
      hotDb
        .prepare<[string], { n: number }>('SELECT count(*) AS n FROM events WHERE order_id = ?')
        .get(old.orderId)?.n,
    ).toBe(0);
    hotDb.close();
    expect(await store.get(old.orderId)).toEqual(viewBefore);
    expect(await store.events(old.orderId)).toEqual(eventsBefore);
    expect(new TextDecoder().decode((await store.raw(old.orderId))[0]?.body)).toBe(
      '{"n":1,"text":"路灯不亮"}',
    );

    // The figures do not move, neither now nor after a rebuild from the events.
    expect(after.counts).toEqual(before.counts);
    expect(after.hist).toEqual(before.hist);
    await store.repair();
    expect(rollups(path).counts).toEqual(before.counts);

    // A repeated push of the archived order finds it instead of creating a second one.
    const again = await store.submit({
      ...submission(1, '2024-01-08T10:00:00', true),
      orderId: 'ord_new',
    });
    expect(again.status).toBe('existing');
    expect(again.status === 'existing' && again.view.id).toBe(old.orderId);

    // Exportable: one NDJSON line per archived order with its events and raw bytes.
    const lines = [...store.archived()].map((o) =>
      exportLine(o, (b) => Buffer.from(b).toString('base64')),
    );
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0] ?? '{}') as {
      view: { id: string };
      events: unknown[];
      raw: { bodyBase64: string }[];
    };
    expect(line.view.id).toBe(old.orderId);
    expect(line.events).toHaveLength(6);
    expect(Buffer.from(line.raw[0]?.bodyBase64 ?? '', 'base64').toString()).toBe(
      '{"n":1,"text":"路灯不亮"}',
    );

    // Running again moves nothing; reopening the store keeps all of it.
    expect(archiveClosedOrders({ store, clock }, 365).orders).toBe(0);
    await store.close();
    const reopened = open(path);
    expect((await reopened.get(old.orderId))?.state).toBe('closed');
    expect((await reopened.list({ limit: 50 })).items).toHaveLength(2);
    await reopened.close();
  });

  it("takes an archived order's 协办 rows out of the hot file with it, and leaves a live one's", async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'hg-archive-')), 'gateway.sqlite');
    const store = open(path);
    const old = submission(11, '2024-01-08T10:00:00', true, true);
    const recent = submission(12, '2026-02-23T10:00:00', true, true);
    for (const s of [old, recent]) expect((await store.submit(s)).status).toBe('created');
    expect((await store.get(old.orderId))?.state).toBe('closed');
    const assistRows = () => {
      const db = new Database(path, { readonly: true });
      try {
        return db
          .prepare<[], { order_id: string; station_id: string }>(
            'SELECT order_id, station_id FROM order_assists ORDER BY order_id',
          )
          .all();
      } finally {
        db.close();
      }
    };
    expect(assistRows()).toEqual([
      { order_id: old.orderId, station_id: liaison },
      { order_id: recent.orderId, station_id: liaison },
    ]);

    expect(archiveClosedOrders({ store, clock }, 365).orders).toBe(1);

    expect(assistRows()).toEqual([{ order_id: recent.orderId, station_id: liaison }]);
    // The archived order still reads with its part; the liaison's list is its live order alone.
    expect((await store.get(old.orderId))?.assists).toHaveLength(1);
    const liaisonList = await store.list({ stationId: liaison, assisting: true, limit: 50 });
    expect(liaisonList.items.map((v) => v.id)).toEqual([recent.orderId]);
    await store.close();
  });
});
