// Repair after a policy change: figures are recomputed from the events and the report names what moved.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { SlaPolicy } from '../../contracts/sla.js';
import { createSlaEngine } from '../../src/usecases/sla.js';
import { storeProjection } from '../../src/usecases/store-projection.js';
import { repairSla } from '../../src/usecases/sla-repair.js';
import { exampleCalendar, examplePolicy } from '../support/sla-fixtures.js';
import { createTestGateway, fixture } from '../support/test-gateway.js';

const dir = mkdtempSync(join(tmpdir(), 'hg-repair-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('SLA repair', () => {
  it('reports the orders a stricter policy breaches, and moves their due-time index', async () => {
    const path = join(dir, 'g.sqlite');
    const now = new Date('2026-03-05T12:00:00+08:00');
    const clock = { now: () => now };
    const before = createSlaEngine(examplePolicy, exampleCalendar, clock);
    const gw = createTestGateway({
      store: new SqliteOrderStore({ path, project: storeProjection({ sla: before }) }),
      sla: before,
      clock,
    });
    // Three ordinary orders received Monday 10:00, due in 7 working days; one resolved on Wednesday.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++)
      ids.push(
        (
          await gw.submit({
            ...fixture('03'),
            externalId: `R-${i}`,
            urgency: 'normal',
            receivedAt: '2026-03-02T10:00:00+08:00',
          })
        ).body.id,
      );
    await gw.deps.store.close();

    // The city shortens general resolution to 2 working days: the two open orders are now overdue.
    const stricter: SlaPolicy = {
      ...examplePolicy,
      version: 'stricter',
      rules: examplePolicy.rules.map((r) =>
        r.id === 'general'
          ? {
              ...r,
              targets: {
                ...r.targets,
                resolve: { amount: 2, clock: 'working_days', warnAt: [0.5], pausable: true },
              },
            }
          : r,
      ),
    };
    const after = createSlaEngine(stricter, exampleCalendar, clock);
    const store = new SqliteOrderStore({ path, project: storeProjection({ sla: after }) });
    const report = await repairSla(store);
    expect(report.orders).toBe(3);
    expect(report.changed).toBe(3);
    expect(report.becameBreached.map((b) => b.target).sort()).toEqual([
      'resolve',
      'resolve',
      'resolve',
    ]);
    expect(report.noLongerBreached).toEqual([]);
    // The due-time index now says the breaches are due (in the past): the sweeper will emit them.
    expect((await store.due(now.getTime(), 10)).sort()).toEqual([...ids].sort());

    // Repairing again changes nothing.
    expect((await repairSla(store)).changed).toBe(0);
    await store.close();
  });
});
