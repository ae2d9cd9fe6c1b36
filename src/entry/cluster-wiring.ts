// Cluster mode wiring: when KAFKA_BROKERS and REDIS_URL are both set, the gateway keeps its event log
// in Kafka and its shared state in Redis (adapters/cluster). Returns null in embedded mode.
import { Redis } from 'ioredis';
import { Kafka, logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';
import { ClusterOrderStore } from '../../adapters/cluster/cluster-order-store.js';
import { DispatchRelay } from '../../adapters/cluster/dispatch-relay.js';
import { checkKeyLayout, KEY_LAYOUT } from '../../adapters/cluster/key-layout.js';
import { RedisInboxNotifier } from '../../adapters/cluster/redis-notifier.js';
import { RedisRateLimiter } from '../../adapters/cluster/redis-rate-limiter.js';
import { RedisDeliveryStore } from '../../adapters/cluster/redis-delivery-store.js';
import { startRawRetention } from '../../adapters/cluster/redis-retention.js';
import type { SecretBox } from '../webhooks/secret-box.js';
import { ensureTopics, topics } from '../../adapters/cluster/topics.js';
import { installTracePropagation, withTraceFrom } from '../../adapters/cluster/trace-context.js';
import { EnvError, type Env } from '../config/env.js';
import type { Projection } from '../ports/order-store.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import { systemClock } from '../runtime/clock.js';
import { countDispatchDeadLetter, countReconciled } from '../telemetry/store-signals.js';

export interface ClusterParts {
  store: ClusterOrderStore;
  notifier: RedisInboxNotifier;
  kafka: Kafka;
  redis: Redis;
  /** Intake rate limits shared by every gateway process. */
  rateLimiter(options: { perMinute: number; burst: number }): RateLimiter;
  /**
   * Status webhooks out, shared by every process (Redis): secrets sealed with `secrets`, a delivery
   * leased to one process for `leaseMs` while it is attempted.
   */
  deliveries(options: { secrets: SecretBox; leaseMs: number }): RedisDeliveryStore;
  /** False while the Redis views are missing (rebuild pending). */
  ready(): boolean;
  /** Half-done writes old enough for the reconciler (the hotline_reconciler_backlog gauge). */
  reconcilerBacklog(): Promise<number>;
  /** Wraps the app's fetch so each request runs in the trace context of its traceparent header. */
  traced<R>(fetch: (req: Request) => R): (req: Request) => R;
  close(): Promise<void>;
}

export function clusterConfigured(env: Env): boolean {
  if ((env.KAFKA_BROKERS === undefined) !== (env.REDIS_URL === undefined)) {
    throw new EnvError(
      `Invalid environment:\n- ${env.KAFKA_BROKERS === undefined ? 'KAFKA_BROKERS' : 'REDIS_URL'}: cluster mode needs both KAFKA_BROKERS and REDIS_URL (set neither for the embedded store)`,
    );
  }
  return env.KAFKA_BROKERS !== undefined;
}

export function kafkaClient(env: Env, logger: Logger): Kafka {
  const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
    [logLevel.ERROR]: 'error',
    [logLevel.WARN]: 'warn',
    [logLevel.INFO]: 'info',
    [logLevel.DEBUG]: 'debug',
  };
  return new Kafka({
    clientId: env.KAFKA_CLIENT_ID,
    brokers: (env.KAFKA_BROKERS ?? '').split(','),
    logLevel: logLevel.WARN,
    retry: { initialRetryTime: 100, maxRetryTime: 2000 },
    logCreator: () => (entry: LogEntry) => {
      logger[levels[entry.level] ?? 'info'](
        { kafka: entry.namespace, ...entry.log },
        entry.log.message,
      );
    },
  });
}

export async function openCluster(
  env: Env,
  project: Projection,
  logger: Logger,
): Promise<ClusterParts> {
  installTracePropagation();
  const kafka = kafkaClient(env, logger);
  const redis = new Redis(env.REDIS_URL ?? '', {
    enableAutoPipelining: true,
    maxRetriesPerRequest: 3,
  });
  redis.on('error', (err: Error) => logger.warn({ err }, 'redis connection error'));
  const prefix = env.REDIS_KEY_PREFIX;
  const admin = kafka.admin();
  await admin.connect();
  await ensureTopics(admin, [
    { topic: topics.orderEvents, numPartitions: env.KAFKA_ORDER_EVENTS_PARTITIONS },
    { topic: topics.dispatch, numPartitions: env.KAFKA_ORDER_EVENTS_PARTITIONS },
    { topic: topics.deadLetter, numPartitions: 1 },
  ]);
  await admin.disconnect();
  const notifier = await RedisInboxNotifier.open(redis, prefix);
  // Views in another key layout (an upgrade) are not read until `npm run views:rebuild` (key-layout.ts).
  const layout = await checkKeyLayout(redis, prefix);
  if (layout.status === 'rebuild_needed')
    logger.error(
      `Redis views are in key layout ${layout.found ?? '(unversioned, an older release)'}, this build uses ${KEY_LAYOUT}: writes are refused until \`npm run views:rebuild\` has run`,
    );
  const store = await ClusterOrderStore.open({
    kafka,
    redis,
    prefix,
    project,
    writeTimeoutMs: env.CLUSTER_WRITE_TIMEOUT_MS,
    reconcileAfterMs: env.CLUSTER_RECONCILE_AFTER_MS,
    onReconciled: (view) => {
      countReconciled();
      if (view.station) notifier.notify(view.station.id);
    },
  });
  if (!store.ready())
    logger.error(
      'Redis holds no views but the Kafka log is not empty: writes are refused until `npm run views:rebuild` has run',
    );
  const relay = new DispatchRelay({
    kafka,
    redis,
    prefix,
    getView: (id) => store.get(id),
    onError: (err) => {
      countDispatchDeadLetter();
      logger.error({ err }, 'dispatch relay: record sent to the dead-letter topic');
    },
  });
  await relay.start();
  // Raw request bytes leave Redis RAW_RETENTION_DAYS after the call (deploy/README.md, retention).
  const rawRetention = startRawRetention({
    redis,
    prefix,
    days: env.RAW_RETENTION_DAYS,
    now: () => systemClock.now().getTime(),
    onError: (err) => logger.warn({ err }, 'raw request retention pass failed'),
  });
  return {
    store,
    notifier,
    kafka,
    redis,
    rateLimiter: (options) => new RedisRateLimiter(redis, { ...options, prefix }, systemClock),
    // The projection follows the store's log; a views rebuild deletes the marker when it renumbers it.
    deliveries: (options) =>
      new RedisDeliveryStore({
        redis,
        prefix: `${prefix}wh:`,
        ...options,
        logGuard: { readyKey: `${prefix}meta:ready`, markerKey: `${prefix}meta:wh-epoch` },
      }),
    ready: () => store.ready(),
    // The store's intent index (adapters/cluster/cluster-order-writes.ts), scored by reservation time.
    reconcilerBacklog: () =>
      redis.zcount(`${prefix}intents`, '-inf', Date.now() - env.CLUSTER_RECONCILE_AFTER_MS),
    traced: (fetch) => (req) => withTraceFrom(Object.fromEntries(req.headers), () => fetch(req)),
    close: async () => {
      await relay.stop();
      rawRetention.stop();
      notifier.close();
      redis.disconnect();
    },
  };
}
