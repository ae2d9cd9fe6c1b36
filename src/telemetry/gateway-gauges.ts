// The gauges a gateway reports by looking (observable instruments, read at each scrape): station
// inbox depth and the triage queue, when each station last pulled, the last calendar year the
// holiday table covers, and the cluster's reconciler backlog. Depths are counted from the store's
// own lists, at most once per `cacheMs`, and stop at `maxScan` orders per scrape (then the figure
// is a floor and hotline_queue_depth_truncated says so).
import { metrics, type ObservableResult } from '@opentelemetry/api';
import type { OrderState } from '../../contracts/views.js';
import type { OrderStore } from '../ports/order-store.js';
import { stationPullTimes } from './station-pulls.js';

export interface GaugeSources {
  store: Pick<OrderStore, 'list'>;
  stationIds: readonly string[];
  calendarYears: readonly number[];
  /** Cluster mode: writes of dead processes waiting for the reconciler. */
  reconcilerBacklog?: () => Promise<number>;
  cacheMs?: number;
  maxScan?: number;
}

interface Depths {
  at: number;
  inbox: Map<string, number>;
  triage: number;
  truncated: boolean;
}

async function countByStation(
  store: GaugeSources['store'],
  state: OrderState,
  maxScan: number,
): Promise<{ byStation: Map<string, number>; total: number; truncated: boolean }> {
  const byStation = new Map<string, number>();
  let total = 0;
  let cursor: string | undefined;
  for (;;) {
    const page = await store.list({ states: [state], limit: 200, cursor });
    for (const view of page.items) {
      total += 1;
      const id = view.station?.id;
      if (id) byStation.set(id, (byStation.get(id) ?? 0) + 1);
    }
    if (page.nextCursor === null) return { byStation, total, truncated: false };
    if (total >= maxScan) return { byStation, total, truncated: true };
    cursor = page.nextCursor;
  }
}

/** Registers the callbacks; the returned function removes them (gateway closed). */
export function observeGateway(sources: GaugeSources): () => void {
  const meter = metrics.getMeter('hotline-gateway');
  const cacheMs = sources.cacheMs ?? 1000;
  const maxScan = sources.maxScan ?? 50_000;
  let depths: Promise<Depths> | undefined;
  const readDepths = (): Promise<Depths> => {
    const now = Date.now();
    if (!depths) depths = fresh(now);
    return depths.then((d) => {
      if (now - d.at <= cacheMs) return d;
      depths = fresh(now);
      return depths;
    });
  };
  const fresh = async (now: number): Promise<Depths> => {
    const [inbox, triage] = await Promise.all([
      countByStation(sources.store, 'dispatched', maxScan),
      countByStation(sources.store, 'triage', maxScan),
    ]);
    return {
      at: now,
      inbox: inbox.byStation,
      triage: triage.total,
      truncated: inbox.truncated || triage.truncated,
    };
  };

  const inbox = meter.createObservableGauge('hotline_station_inbox_depth', {
    description: 'Orders dispatched to a station and not yet accepted (签收), by station',
  });
  const triage = meter.createObservableGauge('hotline_triage_queue_depth', {
    description: 'Orders waiting for a dispatcher (triage)',
  });
  const truncated = meter.createObservableGauge('hotline_queue_depth_truncated', {
    description:
      '1 when the depth gauges stopped counting at their scan limit (figures are floors)',
  });
  const lastPull = meter.createObservableGauge('hotline_station_last_pull_timestamp_seconds', {
    description: 'When the station last pulled its own inbox from this process (Unix seconds)',
    unit: 's',
  });
  const calendar = meter.createObservableGauge('hotline_calendar_last_year', {
    description: 'The last year calendar.json has the holiday notice for',
  });
  const backlog = meter.createObservableGauge('hotline_reconciler_backlog', {
    description: 'Cluster: half-done writes old enough for the reconciler, not yet completed',
  });

  const onInbox = async (r: ObservableResult) => {
    const d = await readDepths();
    for (const id of sources.stationIds) r.observe(d.inbox.get(id) ?? 0, { station: id });
  };
  const onTriage = async (r: ObservableResult) => r.observe((await readDepths()).triage);
  const onTruncated = async (r: ObservableResult) =>
    r.observe((await readDepths()).truncated ? 1 : 0);
  const known = new Set(sources.stationIds);
  const onLastPull = (r: ObservableResult) => {
    for (const [id, at] of stationPullTimes()) if (known.has(id)) r.observe(at, { station: id });
  };
  const lastYear = Math.max(0, ...sources.calendarYears);
  const onCalendar = (r: ObservableResult) => r.observe(lastYear);
  const reconcilerBacklog = sources.reconcilerBacklog;
  const onBacklog = async (r: ObservableResult) => {
    if (reconcilerBacklog) r.observe(await reconcilerBacklog());
  };

  inbox.addCallback(onInbox);
  triage.addCallback(onTriage);
  truncated.addCallback(onTruncated);
  lastPull.addCallback(onLastPull);
  calendar.addCallback(onCalendar);
  if (reconcilerBacklog) backlog.addCallback(onBacklog);
  return () => {
    inbox.removeCallback(onInbox);
    triage.removeCallback(onTriage);
    truncated.removeCallback(onTruncated);
    lastPull.removeCallback(onLastPull);
    calendar.removeCallback(onCalendar);
    backlog.removeCallback(onBacklog);
  };
}
