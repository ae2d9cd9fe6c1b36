// Opens the store of accepted aliases for the running mode (embedded: the gateway's SQLite file;
// cluster: Redis, shared by every process) and reads what it keeps over the place index, before the
// gateway takes its first order.
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RedisAliasStore } from '../../adapters/cluster/redis-alias-store.js';
import { SqliteAliasStore } from '../../adapters/embedded/sqlite-alias-store.js';
import type { Env } from '../config/env.js';
import type { PlaceIndex } from '../domain/routing/place-index.js';
import type { AliasStore } from '../ports/alias-store.js';
import { replayAcceptedAliases } from '../usecases/accepted-aliases.js';

export async function openAcceptedAliases(
  env: Env,
  places: PlaceIndex,
  logger: Logger,
  redis?: Redis,
): Promise<AliasStore> {
  const store = redis
    ? new RedisAliasStore(redis, { prefix: env.REDIS_KEY_PREFIX })
    : new SqliteAliasStore({
        path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
        synchronous: env.SQLITE_SYNC,
      });
  const { applied, unknown } = await replayAcceptedAliases(places, store);
  if (applied > 0) logger.info({ aliases: applied }, 'accepted aliases read over the gazetteer');
  for (const a of unknown)
    logger.warn(
      { code: a.code, alias: a.alias },
      'accepted alias names a code the gazetteer no longer has; kept, not read',
    );
  return store;
}
