// The auditors' figures from the rollups: one period and scope, or a ranking of districts, streets or
// stations by the composite score. Every answer names the configuration that produced it.
import { distinctNames, rankRows, type ParentOf } from '../domain/metrics/rank-rows.js';
import type { AssessmentConfig, Figures, Ranking } from '../../contracts/metrics.js';
import {
  durations,
  otherRates,
  rates,
  returnReview,
  supervision,
} from '../domain/metrics/figures.js';
import { periodLabel, periodOf, periodRange } from '../domain/metrics/period.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { MetricsFilter, MetricsStore } from '../ports/metrics-store.js';
import type { SlaEngine } from './sla.js';

export interface MetricsEngine {
  config: AssessmentConfig;
  figures(filter: MetricsFilter): Promise<Figures>;
  ranking(
    period: string,
    by: 'district' | 'street' | 'station',
    filter?: Omit<MetricsFilter, 'period'>,
  ): Promise<Ranking>;
  periodBounds(period: string): { fromMs: number; toMs: number };
  /** The last `count` assessment periods up to the one `nowMs` falls in (or `last`), oldest first. */
  periods(nowMs: number, count: number, last?: string): { id: string; from: string; to: string }[];
  /** The three rates and the composite of each period, for a month-by-month trend. */
  trend(
    periods: readonly string[],
    filter?: Omit<MetricsFilter, 'period'>,
  ): Promise<{
    config: Figures['config'];
    points: ({ period: string; received: number } & ReturnType<typeof rates>)[];
  }>;
}

/** The period id `months` before (negative) or after `id` (YYYY-MM). */
function shiftPeriod(id: string, months: number): string {
  const [y, m] = id.split('-').map(Number) as [number, number];
  const n = y * 12 + (m - 1) + months;
  return `${Math.floor(n / 12)}-${String((n % 12) + 1).padStart(2, '0')}`;
}

export function createMetricsEngine(
  config: AssessmentConfig,
  sla: SlaEngine,
  places: PlaceIndex,
  rollups: MetricsStore,
): MetricsEngine {
  const offset = sla.calendar.offsetMs / 60_000;
  const configInfo = {
    version: config.version,
    name: config.name ?? config.version,
    weights: config.weights,
    basicallySatisfiedFactor: config.basicallySatisfiedFactor,
    period: periodLabel(config),
    slaPolicy: sla.policy.version,
  };
  const periodInfo = (id: string) => ({ id, ...periodRange(id, config) });
  const nameOf = (by: 'district' | 'street' | 'station', code: string) =>
    by === 'station'
      ? (places.station(code)?.name ?? code)
      : (places.place(code)?.name ?? (code === '' ? '(未定位)' : code));

  return {
    config,
    periodBounds: (period) => {
      const r = periodRange(period, config);
      const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`) - offset * 60_000;
      return { fromMs: dayMs(r.from), toMs: dayMs(r.to) + 86_400_000 };
    },
    figures: async (filter) => {
      const [row] = await rollups.counters(filter);
      const c = row?.counters ?? {};
      const [resp, res] = await Promise.all([
        rollups.histogram(filter, 'resp'),
        rollups.histogram(filter, 'res'),
      ]);
      const byTypeRows = (await rollups.counters(filter, 'type')).map(
        (r) => [r.group, r.counters.received ?? 0] as const,
      );
      const level = filter.station
        ? 'station'
        : filter.street
          ? 'street'
          : filter.district
            ? 'district'
            : 'all';
      const code = filter.station ?? filter.street ?? filter.district;
      return {
        scope: {
          level,
          ...(code ? { code, name: nameOf(level === 'all' ? 'district' : level, code) } : {}),
        },
        period: periodInfo(filter.period),
        config: configInfo,
        filters: {
          ...(filter.types ? { type: [...filter.types] as Figures['filters']['type'] } : {}),
          ...(filter.topic ? { topic: filter.topic } : {}),
        },
        ...rates(c, config),
        ...otherRates(c),
        returnReview: returnReview(c),
        supervision: supervision(c),
        responseHours: durations(c.respN, c.respSum, resp),
        resolutionHours: durations(c.resN, c.resSum, res),
        volumes: {
          received: c.received ?? 0,
          byType: Object.fromEntries(byTypeRows.filter(([, n]) => n > 0)),
        },
      };
    },
    periods: (nowMs, count, last) => {
      const end = last ?? periodOf(nowMs, config, offset);
      return Array.from({ length: count }, (_, i) => periodInfo(shiftPeriod(end, i - count + 1)));
    },
    trend: async (periods, filter = {}) => ({
      config: configInfo,
      points: await Promise.all(
        periods.map(async (period) => {
          const [row] = await rollups.counters({ ...filter, period });
          const c = row?.counters ?? {};
          return { period, received: c.received ?? 0, ...rates(c, config) };
        }),
      ),
    }),
    ranking: async (period, by, filter = {}) => {
      const rows = await rollups.counters({ ...filter, period }, by);
      const scored = rows.map((r) => ({
        code: r.group,
        name: nameOf(by, r.group),
        received: r.counters.received ?? 0,
        ...rates(r.counters, config),
        supervision: supervision(r.counters),
      }));
      // Ranked by composite; units with no valid callback are listed after them, unranked.
      const ordered = rankRows(scored);
      const parentOf: ParentOf = (code) => {
        const parent = places.place(code)?.parent;
        const place = parent !== undefined ? places.place(parent) : undefined;
        return place ? { code: place.code, name: place.name } : undefined;
      };
      const names = by === 'station' ? undefined : distinctNames(ordered, parentOf);
      return {
        period: periodInfo(period),
        by,
        config: configInfo,
        rows: ordered.map((r, i) => ({ ...r, name: names?.[i] ?? r.name })),
      };
    },
  };
}
