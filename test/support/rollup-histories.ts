// What the rollup property tests (test/metrics/rollup-property*.test.ts) share: the example
// configuration's places, a fresh in-memory store projecting with a given assessment, writing
// generated histories event by event (so the rollups see every version of every order), and one
// period's counters by group. Each test keeps its own generators and its own recount.
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { Actor, EventData, NewEvent } from '../../contracts/events.js';
import type { AssessmentConfig } from '../../contracts/metrics.js';
import type { Counters } from '../../src/domain/metrics/contribution.js';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { buildPlaceIndex } from '../../src/domain/routing/place-index.js';
import { createSlaEngine } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { exampleCalendar, examplePolicy } from './sla-fixtures.js';
import { exampleConfigDir } from './test-gateway.js';

export const files = loadConfigFiles(exampleConfigDir);
export const places = buildPlaceIndex(files.gazetteer, files.directory);

/** The SLA engine as of 2026-06-01, after every generated history ends. */
export function slaAfterHistories() {
  const clock = { now: () => new Date('2026-06-01T00:00:00+08:00') };
  return createSlaEngine(examplePolicy, exampleCalendar, clock);
}

/** A fresh in-memory store whose rollups follow `assessment`. */
export function memoryStore(assessment: AssessmentConfig): SqliteOrderStore {
  return new SqliteOrderStore({
    path: ':memory:',
    project: storeProjection({ sla: slaAfterHistories(), places, assessment }),
  });
}

/** One generated event of order `o<i>`: a system actor unless the history names one. */
export interface Written {
  at: number;
  data: EventData;
  actor?: Actor;
}

/**
 * Writes order i's history as `o<i>` (E<i> from bj-12345): the first two events as the intake, the
 * rest appended one at a time. Interleaved (the first event of every order, then the second, …)
 * or one order after another.
 */
export async function writeHistories(
  store: SqliteOrderStore,
  all: Written[][],
  interleave = true,
): Promise<void> {
  const entries = all.flatMap((evs, i) => evs.map((e, j) => ({ i, j, e })));
  const queue = interleave ? entries.sort((a, b) => a.j - b.j || a.i - b.i) : entries;
  const ev = (i: number, w: Written): NewEvent => ({
    orderId: `o${i}`,
    at: new Date(w.at).toISOString(),
    actor: w.actor ?? { role: 'system', id: 'p' },
    data: w.data,
  });
  for (const { i, j, e } of queue) {
    const second = all[i]?.[1];
    if (j === 0 && second)
      await store.submit({
        orderId: `o${i}`,
        source: 'bj-12345',
        externalId: `E${i}`,
        bodyHash: '',
        raw: { contentType: 'application/json', body: new Uint8Array(), receivedAt: ev(i, e).at },
        events: [ev(i, e), ev(i, second)],
      });
    else if (j > 1) await store.append(`o${i}`, j, [ev(i, e)]);
  }
}

/** One period's rollup counters, by street or by station. */
export async function countersOf(
  store: SqliteOrderStore,
  period: string,
  by: 'street' | 'station',
): Promise<Map<string, Counters>> {
  return new Map((await store.metrics.counters({ period }, by)).map((r) => [r.group, r.counters]));
}
