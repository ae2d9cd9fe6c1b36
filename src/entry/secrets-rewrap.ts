// `npm run secrets:rewrap`: re-wraps the data key of every stored webhook secret under the first key of
// GATEWAY_SECRET_KEYS (key rotation), and seals any secret still in clear. The secrets themselves are
// not re-encrypted. Rotation: put the new key first in GATEWAY_SECRET_KEYS of every process (old key
// still listed) and restart them, run this, then drop the old key. Same environment as the gateway:
// the SQLite file in GATEWAY_DATA_DIR, or in cluster mode (KAFKA_BROKERS + REDIS_URL) the Redis keys.
import { join, resolve } from 'node:path';
import { Redis } from 'ioredis';
import { RedisDeliveryStore } from '../../adapters/cluster/redis-delivery-store.js';
import { SqliteDeliveryStore } from '../../adapters/embedded/sqlite-delivery-store.js';
import { parseEnv } from '../config/env.js';
import { loadSecretKeys } from '../config/secret-keys.js';
import { clusterConfigured } from './cluster-wiring.js';

try {
  const env = parseEnv(process.env);
  const dataDir = resolve(env.GATEWAY_DATA_DIR);
  const { box, warning } = loadSecretKeys(process.env, env.GATEWAY_ENV, dataDir);
  if (warning) process.stderr.write(`${warning}\n`);
  let result: { rewrapped: number; current: number; unreadable: string[] };
  if (clusterConfigured(env)) {
    const redis = new Redis(env.REDIS_URL ?? '', { maxRetriesPerRequest: 3 });
    try {
      // The same keys the gateway's cluster wiring gives its delivery store.
      const store = new RedisDeliveryStore({
        redis,
        prefix: `${env.REDIS_KEY_PREFIX}wh:`,
        secrets: box,
      });
      result = await store.rewrapSecrets();
    } finally {
      redis.disconnect();
    }
  } else {
    const store = new SqliteDeliveryStore({
      path: join(dataDir, 'gateway.sqlite'),
      synchronous: env.SQLITE_SYNC,
      secrets: box,
    });
    result = store.rewrapSecrets();
    await store.close();
  }
  process.stdout.write(
    `secrets rewrapped under ${box.currentKid}: ${result.rewrapped} rewrapped, ${result.current} already current, ${result.unreadable.length} unreadable${result.unreadable.length > 0 ? ` (${result.unreadable.join(', ')}: their key is not in GATEWAY_SECRET_KEYS)` : ''}\n`,
  );
  process.exit(result.unreadable.length > 0 ? 2 : 0);
} catch (err) {
  process.stderr.write(
    `secrets:rewrap failed: ${err instanceof Error ? err.message : String(err)}\n`,
  );
  process.exit(1);
}
