// Opens the account store of the running mode (embedded: the gateway's SQLite file; cluster: Redis)
// with the session policy from the environment, and creates the demo accounts outside production.
import { join, resolve } from 'node:path';
import type { Redis } from 'ioredis';
import { RedisAccountStore } from '../../adapters/cluster/redis-account-store.js';
import { SqliteAccountStore } from '../../adapters/embedded/sqlite-account-store.js';
import type { Env } from '../config/env.js';
import type { AccountStore } from '../ports/account-store.js';
import type { Clock } from '../ports/order-store.js';
import { ensureDemoAccounts } from '../usecases/accounts/demo-accounts.js';
import { sessionPolicy, type Accounts } from '../usecases/accounts/policy.js';

export function openAccountStore(env: Env, redis?: Redis): AccountStore {
  return redis
    ? new RedisAccountStore(redis, { prefix: env.REDIS_KEY_PREFIX })
    : new SqliteAccountStore({
        path: join(resolve(env.GATEWAY_DATA_DIR), 'gateway.sqlite'),
        synchronous: env.SQLITE_SYNC,
      });
}

export function openAccounts(env: Env, clock: Clock, redis?: Redis): Accounts {
  const store = openAccountStore(env, redis);
  const production = env.GATEWAY_ENV === 'production';
  return {
    store,
    policy: sessionPolicy({
      idleMinutes: env.SESSION_IDLE_MINUTES,
      maxHours: env.SESSION_MAX_HOURS,
    }),
    production,
    ready: production ? Promise.resolve() : ensureDemoAccounts(store, clock.now()),
  };
}
