// Wires the embedded gateway: environment → configuration files → routing index → SQLite store →
// Hono app → Node HTTP server. Used by the Node entry and by tests that need a real server.
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { SqliteOrderStore } from '../../adapters/embedded/sqlite-order-store.js';
import { InProcessNotifier } from '../../adapters/embedded/in-process-notifier.js';
import { checkPrincipals } from '../config/check-principals.js';
import { parseEnv } from '../config/env.js';
import { loadConfigFiles } from '../config/load-files.js';
import { buildPlaceIndex } from '../domain/routing/place-index.js';
import { createApp } from '../http/app.js';
import { PrincipalDirectory } from '../http/principal.js';
import { systemClock } from '../runtime/clock.js';
import { newOrderId } from '../runtime/ids.js';
import { createLogger } from '../telemetry/logger.js';

export interface RunningGateway {
  port: number;
  close(): Promise<void>;
}

export class StartupError extends Error {}

export async function startGateway(source: Record<string, string | undefined>): Promise<RunningGateway> {
  const env = parseEnv(source);
  const logger = createLogger({ level: env.LOG_LEVEL });
  const files = loadConfigFiles(resolve(env.GATEWAY_CONFIG_DIR));
  const places = buildPlaceIndex(files.gazetteer, files.directory);
  const problems = checkPrincipals(files.principals, places, env.GATEWAY_ENV);
  if (problems.length > 0) throw new StartupError(`Refusing to start:\n- ${problems.join('\n- ')}`);

  const store = new SqliteOrderStore({ path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'), synchronous: env.SQLITE_SYNC });
  let ready = false;
  const app = createApp({
    store,
    places,
    principals: new PrincipalDirectory(files.principals.principals),
    notifier: new InProcessNotifier(),
    clock: systemClock,
    newId: () => newOrderId(),
    logger,
    limits: { bodyBytes: env.BODY_LIMIT_BYTES, longPollSeconds: env.LONG_POLL_MAX_SECONDS },
    ready: () => ready,
  });

  const server: ServerType = await new Promise((resolveServer) => {
    const s = serve({ fetch: app.fetch, port: env.PORT, hostname: env.HOST }, () => resolveServer(s));
  });
  ready = true;
  const port = (server.address() as AddressInfo).port;
  logger.info({ port, host: env.HOST, mode: 'embedded', dataDir: env.GATEWAY_DATA_DIR, configDir: env.GATEWAY_CONFIG_DIR, stations: places.stations.length }, 'gateway listening');

  return {
    port,
    close: async () => {
      ready = false;
      await new Promise<void>((done) => server.close(() => done()));
      await store.close();
    },
  };
}
