// The composition root of the order core, written once: configuration files, the place index, the
// working calendar and SLA engine, the projection the order store keeps beside each view (SLA index
// entry, rollup contribution, place code: src/usecases/store-projection.ts), the order store
// (embedded SQLite, or Kafka + Redis when the cluster is configured) and the metrics engine that
// reads the store's rollups. The gateway, `sla:repair`, `views:rebuild` and the tests' in-process
// gateway all open the core here, so none can wire it differently. The store needs nothing from the
// metrics engine, so the engine is simply built over the store's rollups once the store is open.
import { join, resolve } from 'node:path';
import type { Logger } from 'pino';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import type { Env } from '../config/env.js';
import { loadConfigFiles, type ConfigFiles } from '../config/load-files.js';
import { loadRoutingIndex } from '../config/places.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import { WorkCalendar } from '../domain/sla/calendar.js';
import type { MetricsStore } from '../ports/metrics-store.js';
import type { Clock, Projection } from '../ports/order-store.js';
import { systemClock } from '../runtime/clock.js';
import { createMetricsEngine, type MetricsEngine } from '../usecases/metrics.js';
import { createSlaEngine, type SlaEngine } from '../usecases/sla.js';
import { storeProjection } from '../usecases/store-projection.js';
import { clusterConfigured, openCluster, type ClusterParts } from './cluster-wiring.js';

export interface Core {
  files: ConfigFiles;
  places: PlaceIndex;
  calendar: WorkCalendar;
  sla: SlaEngine;
  /** What the order store keeps beside each view; handed to the store once, when it is opened. */
  project: Projection;
  /** The metrics engine over a store's rollups. */
  metricsOver(rollups: MetricsStore): MetricsEngine;
}

export interface CoreOptions {
  clock?: Clock;
  onPlacesNote?: (message: string) => void;
}

/** Files, places, calendar, SLA engine and the store's projection: everything but the store. */
export function loadCore(
  env: Pick<Env, 'GATEWAY_CONFIG_DIR' | 'GATEWAY_PLACES_BASE'>,
  options: CoreOptions = {},
): Core {
  const files = loadConfigFiles(resolve(env.GATEWAY_CONFIG_DIR));
  const places = loadRoutingIndex(files, env.GATEWAY_PLACES_BASE, options.onPlacesNote);
  const calendar = new WorkCalendar(files.calendar);
  const sla = createSlaEngine(files.slaPolicy, calendar, options.clock ?? systemClock);
  return {
    files,
    places,
    calendar,
    sla,
    project: storeProjection({ sla, places, assessment: files.assessment }),
    metricsOver: (rollups) => createMetricsEngine(files.assessment, sla, places, rollups),
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
  const cluster = clusterConfigured(env) ? await openCluster(env, core.project, logger) : null;
  const store =
    cluster?.store ??
    new SqliteOrderStore({
      path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
      synchronous: env.SQLITE_SYNC,
      project: core.project,
    });
  const metrics = core.metricsOver(store.metrics);
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
