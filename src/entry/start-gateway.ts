// Wires the embedded gateway: environment → configuration files → routing index → SQLite store →
// Hono app → Node HTTP server. Used by the Node entry and by tests that need a real server.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { InProcessNotifier } from '../runtime/in-process-notifier.js';
import { loadCore, openCoreStore } from './open-core.js';
import { TokenBucketRateLimiter } from '../../adapters/embedded/token-bucket-rate-limiter.js';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { urlAddressRefusal } from '../../adapters/outbound/guarded-lookup.js';
import { UndiciWebhookSender } from '../../adapters/outbound/undici-webhook-sender.js';
import { startOutbound } from '../webhooks/outbound/outbound-worker.js';
import { importSecret } from '../webhooks/standard-webhooks.js';
import { loadOpen311Services } from '../config/load-open311-services.js';
import { defaultOpen311Services } from '../../adapters/inbound/open311/services.js';
import { resolveWebhookSecrets } from '../config/webhook-secrets.js';
import { loadSecretKeys } from '../config/secret-keys.js';
import { checkPrincipals } from '../config/check-principals.js';
import { parseEnv } from '../config/env.js';
import { createApp } from '../http/app.js';
import { openAccounts } from './accounts-wiring.js';
import { openAcceptedAliases } from './aliases-wiring.js';
import { calendarWarnings } from '../config/calendar-warnings.js';
import { startSweeper } from '../usecases/sla.js';
import { PrincipalDirectory } from '../http/principal.js';
import { systemClock } from '../runtime/clock.js';
import { newOrderId } from '../runtime/ids.js';
import { createLogger } from '../telemetry/logger.js';
import { startTelemetry } from '../telemetry/otel-node.js';
import { parseTelemetryEnv } from '../telemetry/telemetry-env.js';
import { instrumentStore } from '../telemetry/instrument-store.js';
import { instrumentDeliveries, instrumentSender } from '../telemetry/instrument-outbound.js';
import { instrumentNotifier, instrumentRateLimiter } from '../telemetry/instrument-intake.js';
import { startObservers } from '../telemetry/gateway-observers.js';

export interface RunningGateway {
  port: number;
  /** With METRICS_PORT: the port /metrics is served on. */
  metricsPort?: number | undefined;
  close(): Promise<void>;
}

export class StartupError extends Error {}

/** Publishing Open311 reads needs a scope: never the whole country by accident. */
function open311PublicScope(env: { OPEN311_PUBLIC_SCOPE?: string | undefined }): string {
  if (env.OPEN311_PUBLIC_SCOPE === undefined)
    throw new StartupError(
      'Refusing to start: OPEN311_PUBLIC_READ=true needs OPEN311_PUBLIC_SCOPE (the division code the public may read)',
    );
  return env.OPEN311_PUBLIC_SCOPE;
}

export async function startGateway(
  source: Record<string, string | undefined>,
): Promise<RunningGateway> {
  const env = parseEnv(source);
  const logger = createLogger({ level: env.LOG_LEVEL });
  // OpenTelemetry (src/telemetry): spans and the meters behind /metrics, before anything is used.
  const telemetryEnv = parseTelemetryEnv(source);
  startTelemetry(telemetryEnv);
  const core = loadCore(env, { onPlacesNote: (message) => logger.info(message) });
  const { files, places, calendar, sla } = core;
  for (const note of places.notes) logger.info(note);
  const problems = checkPrincipals(files.principals, places, env.GATEWAY_ENV);
  if (problems.length > 0) throw new StartupError(`Refusing to start:\n- ${problems.join('\n- ')}`);

  // Hotline adapters: per-source webhook secrets from the environment, rate limits, Open311 services.
  const webhooks = await resolveWebhookSecrets(files.principals.principals, source).catch(
    (err: Error) => {
      throw new StartupError(`Refusing to start:\n${err.message}`);
    },
  );

  // Keys for secrets at rest (outbound webhook secrets, SQLite or Redis): see src/config/secret-keys.ts.
  // Cluster processes must share the ring (GATEWAY_SECRET_KEYS; in development the data directory).
  const secretKeys = (() => {
    try {
      return loadSecretKeys(source, env.GATEWAY_ENV, resolve(env.GATEWAY_DATA_DIR));
    } catch (err) {
      throw new StartupError(`Refusing to start:\n- ${(err as Error).message}`);
    }
  })();
  if (secretKeys?.warning) logger.warn(secretKeys.warning);

  for (const warning of calendarWarnings(calendar, systemClock.now())) logger.warn(warning);
  // The store: embedded SQLite, or (KAFKA_BROKERS + REDIS_URL) the Kafka log and Redis views; the
  // metrics engine over its rollups (src/entry/open-core.ts, the one composition root).
  const opened = await openCoreStore(env, logger, core);
  const { cluster, metrics } = opened;
  const rate = { perMinute: env.INTAKE_RATE_PER_MINUTE, burst: env.INTAKE_RATE_BURST };
  const intake = {
    webhooks,
    open311Services: loadOpen311Services(resolve(env.GATEWAY_CONFIG_DIR), defaultOpen311Services),
    ...(env.OPEN311_PUBLIC_READ ? { open311Public: { scope: open311PublicScope(env) } } : {}),
    // Cluster mode: one bucket per source shared by every process (Redis); embedded: in memory.
    ...(rate.perMinute > 0
      ? {
          rateLimiter: instrumentRateLimiter(
            cluster ? cluster.rateLimiter(rate) : new TokenBucketRateLimiter(rate, systemClock),
          ),
        }
      : {}),
  };
  const store = instrumentStore(opened.store, cluster ? 'kafka' : 'sqlite');
  // Status webhooks out: their own tables in the same SQLite file, through a second connection; in
  // cluster mode Redis, every process projecting and delivering, each attempt leased to one process
  // for longer than an attempt can take (adapters/cluster/redis-delivery-store.ts).
  const deliveries = cluster
    ? cluster.deliveries({ secrets: secretKeys.box, leaseMs: env.WEBHOOK_TIMEOUT_MS + 10_000 })
    : new SqliteDeliveryStore({
        path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
        synchronous: env.SQLITE_SYNC,
        ...(secretKeys ? { secrets: secretKeys.box } : {}),
      });
  const unreadable = await deliveries.unreadableSecrets();
  if (unreadable.length > 0) {
    await deliveries?.close();
    await store.close();
    throw new StartupError(
      `Refusing to start:\n- GATEWAY_SECRET_KEYS opens no secret of subscription(s) ${unreadable.join(', ')}: keep the old key in the ring until \`npm run secrets:rewrap\` has run`,
    );
  }
  const sender = instrumentSender(
    new UndiciWebhookSender({
      allowPrivate: env.WEBHOOKS_ALLOW_PRIVATE,
      timeoutMs: env.WEBHOOK_TIMEOUT_MS,
    }),
  );
  // Personal accounts and sessions: the same SQLite file, or Redis in cluster mode.
  const accounts = openAccounts(env, systemClock, cluster?.redis);
  await accounts.ready;
  // Aliases operators accepted (issue 18.7): kept in the same file or Redis, read before any order.
  const aliases = await openAcceptedAliases(env, places, logger, cluster?.redis);
  let ready = false;
  const app = createApp({
    store,
    places,
    principals: new PrincipalDirectory(files.principals.principals),
    accounts,
    aliases,
    notifier: instrumentNotifier(cluster?.notifier ?? new InProcessNotifier()),
    clock: systemClock,
    newId: () => newOrderId(),
    logger,
    limits: { bodyBytes: env.BODY_LIMIT_BYTES, longPollSeconds: env.LONG_POLL_MAX_SECONDS },
    sla,
    metrics,
    intake,
    ...(env.EDGE_HANDOFF_SECRET
      ? {
          edgeHandoff: [
            await importSecret(env.EDGE_HANDOFF_SECRET).catch(() => {
              throw new StartupError(
                'Refusing to start:\n- EDGE_HANDOFF_SECRET is not a usable whsec_ secret',
              );
            }),
          ],
        }
      : {}),
    ...(deliveries
      ? {
          outbound: {
            deliveries,
            checkUrl: (url: URL) => urlAddressRefusal(url, env.WEBHOOKS_ALLOW_PRIVATE),
          },
        }
      : {}),
    ready: () => ready && (cluster?.ready() ?? true),
  });
  const outbound =
    deliveries &&
    startOutbound({
      orders: store,
      deliveries: instrumentDeliveries(deliveries),
      sender,
      clock: systemClock,
      random: Math.random,
      onError: (err) => logger.error({ err }, 'webhook delivery pass failed'),
    });
  const sweeper = startSweeper({
    store,
    index: store,
    sla,
    clock: systemClock,
    onError: (err) => logger.error({ err }, 'SLA sweep failed'),
  });

  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve(
      {
        fetch: cluster ? cluster.traced(app.fetch) : app.fetch,
        port: env.PORT,
        hostname: env.HOST,
      },
      () => resolveServer(s),
    );
  });
  const observers = await startObservers(telemetryEnv, env.HOST, {
    store,
    stationIds: places.stations.map((s) => s.id),
    calendarYears: calendar.knownYears(),
    ...(cluster ? { reconcilerBacklog: () => cluster.reconcilerBacklog() } : {}),
  });
  ready = true;
  const port = (server.address() as AddressInfo).port;
  logger.info(
    {
      port,
      host: env.HOST,
      mode: cluster ? 'cluster' : 'embedded',
      dataDir: env.GATEWAY_DATA_DIR,
      configDir: env.GATEWAY_CONFIG_DIR,
      stations: places.stations.length,
      places: places.gazetteer.size,
    },
    'gateway listening',
  );

  return {
    port,
    metricsPort: observers.metricsPort,
    close: async () => {
      ready = false;
      await new Promise<void>((done) => server.close(() => done()));
      await observers.close();
      await sweeper.stop();
      await outbound?.stop();
      await sender.close();
      await deliveries?.close();
      await opened.close();
      await accounts.store.close();
      await aliases.close();
    },
  };
}
