// `npm run views:rebuild`: deletes the cluster views in Redis and folds them again from the Kafka
// event log (hotline.order-events). Writes are refused (503) while it runs; reads see the views fill.
// Same environment as the gateway (KAFKA_BROKERS, REDIS_URL, REDIS_KEY_PREFIX, GATEWAY_CONFIG_DIR).
import { resolve } from 'node:path';
import { Redis } from 'ioredis';
import { ClusterOrderStore } from '../../adapters/cluster/cluster-order-store.js';
import { rebuildViews } from '../../adapters/cluster/rebuild-views.js';
import { parseEnv } from '../config/env.js';
import { loadConfigFiles } from '../config/load-files.js';
import { loadRoutingIndex } from '../config/places.js';
import { WorkCalendar } from '../domain/sla/calendar.js';
import { systemClock } from '../runtime/clock.js';
import { createLogger } from '../telemetry/logger.js';
import { createMetricsEngine } from '../usecases/metrics.js';
import { orderPlaceCode } from '../usecases/place-code.js';
import { createSlaEngine } from '../usecases/sla.js';
import { clusterConfigured, kafkaClient } from './cluster-wiring.js';

try {
  const env = parseEnv(process.env);
  if (!clusterConfigured(env))
    throw new Error('views:rebuild is for cluster mode: set KAFKA_BROKERS and REDIS_URL');
  const logger = createLogger({ level: env.LOG_LEVEL });
  const files = loadConfigFiles(resolve(env.GATEWAY_CONFIG_DIR));
  const sla = createSlaEngine(files.slaPolicy, new WorkCalendar(files.calendar), systemClock);
  const places = loadRoutingIndex(files, env.GATEWAY_PLACES_BASE);
  const kafka = kafkaClient(env, logger);
  const redis = new Redis(env.REDIS_URL ?? '', { enableAutoPipelining: true });
  const store = await ClusterOrderStore.open({
    kafka,
    redis,
    prefix: env.REDIS_KEY_PREFIX,
    schedule: sla.schedule,
    placeCode: (view) => orderPlaceCode(places, view),
    contribute: (view) => metrics.contribute(view),
    reconcileEveryMs: 0,
    partitions: env.KAFKA_ORDER_EVENTS_PARTITIONS,
  });
  const metrics = createMetricsEngine(files.assessment, sla, places, () => store.metrics);
  const started = Date.now();
  const result = await rebuildViews({ kafka, redis, store });
  await store.close();
  redis.disconnect();
  process.stdout.write(
    `views rebuilt in ${Date.now() - started} ms: ${result.records} records read, ${result.applied} applied, ${result.duplicates} duplicates dropped, ${result.orders} orders, ${result.pendingIntents} writes still on their way\n`,
  );
  process.exit(0);
} catch (err) {
  process.stderr.write(
    `views:rebuild failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
