// The periods an auditor picks from: calendar months, or the configured 19th-to-18th month, named by
// the month they end in and counted back across a year boundary.
import { describe, expect, it } from 'vitest';
import { loadConfigFiles } from '../../src/config/load-files.js';
import { WorkCalendar } from '../../src/domain/sla/calendar.js';
import { buildPlaceIndex } from '../../src/domain/routing/place-index.js';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { createMetricsEngine } from '../../src/usecases/metrics.js';
import { createSlaEngine } from '../../src/usecases/sla.js';
import { exampleConfigDir } from '../support/test-gateway.js';

function engine(period: { kind: 'calendar_month' } | { kind: 'offset_month'; startDay: number }) {
  const files = loadConfigFiles(exampleConfigDir);
  const clock = { now: () => new Date() };
  const sla = createSlaEngine(files.slaPolicy, new WorkCalendar(files.calendar), clock);
  const places = buildPlaceIndex(files.gazetteer, files.directory);
  // Periods read no rollups: an empty store's will do.
  const rollups = new SqliteOrderStore({ path: ':memory:' }).metrics;
  return createMetricsEngine({ ...files.assessment, period }, sla, places, rollups);
}
const at = (local: string) => Date.parse(`${local}+08:00`);

describe('assessment periods', () => {
  it('counts calendar months back across the new year, in Beijing time', () => {
    // 2026-01-01 00:30 in Beijing is still 2025-12-31 in UTC: the period is January.
    const p = engine({ kind: 'calendar_month' }).periods(at('2026-01-01T00:30:00'), 3);
    expect(p).toEqual([
      { id: '2025-11', from: '2025-11-01', to: '2025-11-30' },
      { id: '2025-12', from: '2025-12-01', to: '2025-12-31' },
      { id: '2026-01', from: '2026-01-01', to: '2026-01-31' },
    ]);
  });

  it('names a 19th-to-18th period by the month it ends in', () => {
    const e = engine({ kind: 'offset_month', startDay: 19 });
    // 12-19 belongs to the period ending on 01-18, named 2026-01.
    expect(e.periods(at('2025-12-19T08:00:00'), 2)).toEqual([
      { id: '2025-12', from: '2025-11-19', to: '2025-12-18' },
      { id: '2026-01', from: '2025-12-19', to: '2026-01-18' },
    ]);
    expect(e.periods(at('2026-03-18T23:59:00'), 1)[0]?.id).toBe('2026-03');
    // An explicit last period (the trend's `to`) wins over today.
    expect(e.periods(at('2026-03-18T23:59:00'), 2, '2024-01').map((p) => p.id)).toEqual([
      '2023-12',
      '2024-01',
    ]);
  });
});
