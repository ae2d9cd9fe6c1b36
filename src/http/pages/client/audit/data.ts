// What the dashboard reads, typed from the API's own contracts (type-only imports: nothing of the
// server is bundled into the page).
import type { Figures, Ranking } from '../../../../../contracts/metrics.js';
import type { OrderEvent } from '../../../../../contracts/events.js';
import type { OrderPage, OrderView } from '../../../../../contracts/views.js';
import { api } from '../lib/api.js';

export type { Figures, OrderEvent, OrderPage, OrderView, Ranking };
export type PeriodInfo = Figures['period'];
export type RankBy = Ranking['by'];

export interface Periods {
  kind: { kind: 'calendar_month' } | { kind: 'offset_month'; startDay: number };
  current: string;
  periods: PeriodInfo[];
}
export interface TrendPoint {
  period: PeriodInfo;
  received: number;
  validCallbacks: number;
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  composite: number | null;
}
export interface Trend {
  config: Figures['config'];
  points: TrendPoint[];
}

/** The unit being looked at: the whole scope, a district, a street or a station. */
export type UnitFilter = { district?: string; street?: string; station?: string };

export const qs = (params: Record<string, string | number | undefined>): string =>
  new URLSearchParams(
    Object.entries(params).filter((e): e is [string, string | number] => e[1] !== undefined) as [
      string,
      string,
    ][],
  ).toString();

export const read = {
  periods: () => api<Periods>('/v1/metrics/periods?count=24'),
  /** One period by its id (any month, also before the list). */
  period: (id: string) =>
    api<Periods>(`/v1/metrics/periods?count=1&last=${encodeURIComponent(id)}`),
  figures: (period: string, unit: UnitFilter) =>
    api<Figures>(`/v1/metrics/figures?${qs({ period, ...unit })}`),
  trend: (to: string, unit: UnitFilter) =>
    api<Trend>(`/v1/metrics/trend?${qs({ to, months: 12, ...unit })}`),
  ranking: (period: string, by: RankBy, unit: UnitFilter) =>
    api<Ranking>(`/v1/metrics/rankings?${qs({ period, by, ...unit })}`),
  orders: (period: string, unit: UnitFilter, cursor?: string) =>
    api<OrderPage>(`/v1/metrics/orders?${qs({ period, ...unit, cursor, limit: 50 })}`),
  watch: (kind: 'overdue' | 'unsatisfied', code: string | undefined) =>
    api<OrderPage>(`/v1/metrics/${kind}?${qs({ code, limit: 100 })}`),
  timeline: (id: string) =>
    api<{ orderId: string; events: OrderEvent[] }>(`/v1/orders/${encodeURIComponent(id)}/timeline`),
  order: (id: string) => api<OrderView>(`/v1/orders/${encodeURIComponent(id)}`),
};
