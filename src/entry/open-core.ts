// The composition root of the order core, written once: configuration files, the place index, the
// working calendar and SLA engine, the order store (embedded SQLite, or Kafka + Redis when the cluster
// is configured) and the metrics engine that reads the store's rollups. The gateway, `sla:repair`,
// `views:rebuild` and the tests' in-process gateway all open the core here, so none can wire it
// differently. The one cycle of the wiring — the store asks the metrics engine for each order's
// contribution, the engine reads the store's rollups — is closed here, by binding the engine to the
// store once the store is open.
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import type { OrderView } from '../../contracts/views.js';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { Env } from '../config/env.js';
import { loadConfigFiles, type ConfigFiles } from '../config/load-files.js';
import { loadRoutingIndex } from '../config/places.js';
import type { Contribution } from '../domain/metrics/contribution.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import { WorkCalendar } from '../domain/sla/calendar.js';
import type { MetricsStore } from '../ports/metrics-store.js';
import type { Clock } from '../ports/order-store.js';
import { systemClock } from '../runtime/clock.js';
import { createMetricsEngine, type MetricsEngine } from '../usecases/metrics.js';
import { orderPlaceCode } from '../usecases/place-code.js';
import { createSlaEngine, type SlaEngine } from '../usecases/sla.js';
import { clusterConfigured, openCluster, type ClusterParts } from './cluster-wiring.js';

/** What a store needs from the core to keep its views, SLA index and rollups. */
export interface StoreViews {
  placeCode: (view: OrderView) => string;
  contribute: (view: OrderView) => Contribution[];
}

export interface Core {
  files: ConfigFiles;
  places: PlaceIndex;
  calendar: WorkCalendar;
  sla: SlaEngine;
  views: StoreViews;
  /** The metrics engine over this store's rollups; call once, when the store is open. */
  bindMetrics(store: { metrics: MetricsStore }): MetricsEngine;
}

export interface CoreOptions {
  clock?: Clock;
  onPlacesNote?: (message: string) => void;
}

/** Files, places, calendar and SLA engine: everything but the store. */
export function loadCore(
  env: Pick<Env, 'GATEWAY_CONFIG_DIR' | 'GATEWAY_PLACES_BASE'>,
  options: CoreOptions = {},
): Core {
  const files = loadConfigFiles(resolve(env.GATEWAY_CONFIG_DIR));
  const places = loadRoutingIndex(files, env.GATEWAY_PLACES_BASE, options.onPlacesNote);
  const calendar = new WorkCalendar(files.calendar);
  const sla = createSlaEngine(files.slaPolicy, calendar, options.clock ?? systemClock);
  let metrics: MetricsEngine | undefined;
  return {
    files,
    places,
    calendar,
    sla,
    views: {
      placeCode: (view) => orderPlaceCode(places, view),
      contribute: (view) => {
        if (!metrics) throw new Error('the metrics engine is bound once the store is open');
        return metrics.contribute(view);
      },
    },
    bindMetrics(store) {
      metrics = createMetricsEngine(files.assessment, sla, places, () => store.metrics);
      return metrics;
    },
  };
}

export interface OpenedCore extends Core {
  store: SqliteOrderStore | ClusterParts['store'];
  metrics: MetricsEngine;
  cluster: ClusterParts | null;
  /** Closes the store and, in cluster mode, the cluster's connections and background work. */
  close(): Promise<void>;
}

/** The core with its store: the embedded SQLite file, or the cluster when it is configured. */
export function openCore(env: Env, logger: Logger, options: CoreOptions = {}): Promise<OpenedCore> {
  return openCoreStore(env, logger, loadCore(env, options));
}

/** Opens the store of a loaded core (a caller may check the configuration in between). */
export async function openCoreStore(env: Env, logger: Logger, core: Core): Promise<OpenedCore> {
  const cluster = clusterConfigured(env)
    ? await openCluster(env, core.sla.schedule, logger, core.views)
    : null;
  const store =
    cluster?.store ??
    new SqliteOrderStore({
      path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
      synchronous: env.SQLITE_SYNC,
      schedule: core.sla.schedule,
      ...core.views,
    });
  const metrics = core.bindMetrics(store);
  return {
    ...core,
    store,
    metrics,
    cluster,
    close: async () => {
      await store.close();
      await cluster?.close();
    },
  };
}
