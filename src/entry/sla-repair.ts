// `npm run sla:repair`: recompute every SLA figure from the event history with the current policy and
// calendar (after an operator edited sla-policy.json or calendar.json), and print what changed.
// Run it with the gateway stopped, or against a copy: it rewrites the due-time index and re-sums the
// metrics rollups (also the way to apply a changed assessment.json, e.g. a new period rule).
import { join, resolve } from 'node:path';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { parseEnv } from '../config/env.js';
import { loadConfigFiles } from '../config/load-files.js';
import { WorkCalendar } from '../domain/sla/calendar.js';
import { systemClock } from '../runtime/clock.js';
import { createSlaEngine } from '../usecases/sla.js';
import { repairSla } from '../usecases/sla-repair.js';
import { loadRoutingIndex } from '../config/places.js';
import { createMetricsEngine } from '../usecases/metrics.js';
import { orderPlaceCode } from '../usecases/place-code.js';
import type { OrderView } from '../../contracts/views.js';
import { createLogger } from '../telemetry/logger.js';
import { clusterConfigured, openCluster } from './cluster-wiring.js';

const env = parseEnv(process.env);
const files = loadConfigFiles(resolve(env.GATEWAY_CONFIG_DIR));
const sla = createSlaEngine(files.slaPolicy, new WorkCalendar(files.calendar), systemClock);
const places = loadRoutingIndex(files, env.GATEWAY_PLACES_BASE);
const placeCode = (view: OrderView) => orderPlaceCode(places, view);
const contribute = (view: OrderView) => metrics.contribute(view);
// Cluster mode when KAFKA_BROKERS and REDIS_URL are set (as for the gateway), else the embedded store.
const cluster = clusterConfigured(env)
  ? await openCluster(env, sla.schedule, createLogger({ level: 'warn' }), { placeCode, contribute })
  : null;
const store = cluster
  ? cluster.store
  : new SqliteOrderStore({
      path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
      synchronous: env.SQLITE_SYNC,
      schedule: sla.schedule,
      contribute,
      placeCode,
    });
const metrics = createMetricsEngine(files.assessment, sla, places, () => store.metrics);
const report = await repairSla(store);
if (cluster) await cluster.close();
else await store.close();
process.stdout.write(
  `policy ${files.slaPolicy.version}: ${report.orders} orders checked, ${report.changed} changed, ${report.dueMoved} due times moved\n`,
);
process.stdout.write(`became breached: ${report.becameBreached.length}\n`);
for (const b of report.becameBreached.slice(0, 50))
  process.stdout.write(`  ${b.orderId} ${b.target} (cycle ${b.cycle})\n`);
process.stdout.write(`no longer breached: ${report.noLongerBreached.length}\n`);
for (const b of report.noLongerBreached.slice(0, 50))
  process.stdout.write(`  ${b.orderId} ${b.target} (cycle ${b.cycle})\n`);
