// `npm run views:rebuild`: deletes the cluster views in Redis and folds them again from the Kafka
// event log (hotline.order-events). Writes are refused (503) while it runs; reads see the views fill.
// Same environment as the gateway (KAFKA_BROKERS, REDIS_URL, REDIS_KEY_PREFIX, GATEWAY_CONFIG_DIR).
import { Redis } from 'ioredis';
import { ClusterOrderStore } from '../../adapters/cluster/cluster-order-store.js';
import { rebuildViews } from '../../adapters/cluster/rebuild-views.js';
import { parseEnv } from '../config/env.js';
import { createLogger } from '../telemetry/logger.js';
import { clusterConfigured, kafkaClient } from './cluster-wiring.js';
import { loadCore } from './open-core.js';

try {
  const env = parseEnv(process.env);
  if (!clusterConfigured(env))
    throw new Error('views:rebuild is for cluster mode: set KAFKA_BROKERS and REDIS_URL');
  const logger = createLogger({ level: env.LOG_LEVEL });
  // The core as the gateway opens it; the store alone, without the gateway's background work.
  const core = loadCore(env);
  const kafka = kafkaClient(env, logger);
  const redis = new Redis(env.REDIS_URL ?? '', { enableAutoPipelining: true });
  const store = await ClusterOrderStore.open({
    kafka,
    redis,
    prefix: env.REDIS_KEY_PREFIX,
    project: core.project,
    reconcileEveryMs: 0,
    partitions: env.KAFKA_ORDER_EVENTS_PARTITIONS,
  });
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
