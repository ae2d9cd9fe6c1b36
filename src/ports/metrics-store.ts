// The rollups auditors' figures are read from (kept up to date as events arrive; never a scan of orders).
import type { Counters } from '../domain/metrics/contribution.js';

export interface MetricsFilter {
  period: string;
  district?: string | undefined;
  street?: string | undefined;
  station?: string | undefined;
  types?: readonly string[] | undefined;
  topic?: string | undefined;
}

export interface MetricsStore {
  /** Summed counters for the filter, optionally one row per district, street, station or type. */
  counters(
    filter: MetricsFilter,
    groupBy?: 'district' | 'street' | 'station' | 'type',
  ): Promise<{ group: string; counters: Counters }[]>;
  /** Working-hour durations as 0.1-hour buckets → count. */
  histogram(filter: MetricsFilter, kind: 'resp' | 'res'): Promise<Map<number, number>>;
}
