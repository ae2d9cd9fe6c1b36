// Rebuilds every Redis view from the Kafka log (`npm run views:rebuild`): writes are refused while it
// runs, the views are deleted, each record is folded with evolve (duplicates dropped by version), the
// reservations of writes still on their way are restored, and writes are allowed again.
import type { Redis } from 'ioredis';
import type { Kafka } from 'kafkajs';
import type { ClusterOrderStore } from './cluster-order-store.js';
import { stampKeyLayout } from './key-layout.js';
import { decodeRecord, type WriteRecord } from './order-record.js';
import { readTopicToEnd } from './read-log-topic.js';

export interface RebuildResult {
  records: number;
  applied: number;
  duplicates: number;
  orders: number;
  pendingIntents: number;
}

async function deleteByPrefix(
  redis: Redis,
  prefix: string,
  keep: (key: string) => boolean,
): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    cursor = next;
    const doomed = keys.filter((k) => !keep(k));
    if (doomed.length > 0) await redis.unlink(...doomed);
  } while (cursor !== '0');
}

export async function rebuildViews(deps: {
  kafka: Kafka;
  redis: Redis;
  store: ClusterOrderStore;
}): Promise<RebuildResult> {
  const { redis, store } = deps;
  const p = store.prefix;
  await redis.del(`${p}meta:ready`);
  // Writes already past their reservation finish within the write timeout; their intents are kept.
  const isIntent = (k: string) => k === `${p}intents` || k.startsWith(`${p}intent:`);
  // Status webhook subscriptions and deliveries (`wh:`) are not derived from the log: they stay.
  // Their projection restarts on the new numbering (`meta:wh-epoch` goes), deduplicated.
  const isWebhooks = (k: string) => k.startsWith(`${p}wh:`);
  await deleteByPrefix(redis, p, (k) => isIntent(k) || isWebhooks(k));

  let applied = 0;
  let duplicates = 0;
  const records = await readTopicToEnd(deps.kafka, store.topic, async (m) => {
    const rec = decodeRecord(m.value);
    const before = (await redis.hget(`${p}o:${rec.orderId}`, 'version')) ?? '0';
    if (Number(before) >= rec.fromSeq + rec.events.length - 1) {
      duplicates += 1;
      return;
    }
    await store.commit(rec);
    applied += 1;
  });

  // Writes reserved but not yet in the log: restore their reservations so they cannot be taken twice.
  const pending = await redis.zrange(`${p}intents`, '0', '-1');
  for (const id of pending) {
    const raw = await redis.hget(`${p}intent:${id}`, 'rec');
    if (raw === null) continue;
    const rec = JSON.parse(raw) as WriteRecord;
    const okey = `${p}o:${id}`;
    const version = Number((await redis.hget(okey, 'version')) ?? '0');
    if (version >= rec.fromSeq + rec.events.length - 1) {
      await redis.multi().del(`${p}intent:${id}`).zrem(`${p}intents`, id).exec();
      continue;
    }
    await redis.hset(okey, 'version', version, 'reserved', rec.fromSeq + rec.events.length - 1);
    const s = rec.submit;
    if (s) {
      await redis.set(`${p}ext:${JSON.stringify([s.source, s.externalId])}`, id, 'NX');
      if (s.idempotencyKey !== undefined)
        await redis
          .hsetnx(`${p}idem:${JSON.stringify([s.source, s.idempotencyKey])}`, 'order', id)
          .then(() =>
            redis.hsetnx(
              `${p}idem:${JSON.stringify([s.source, s.idempotencyKey])}`,
              'hash',
              s.bodyHash,
            ),
          );
    }
  }
  // The views are in this build's key layout now; stamped before they are marked ready.
  await stampKeyLayout(redis, p);
  await redis.set(`${p}meta:ready`, '1');
  return {
    records,
    applied,
    duplicates,
    orders: await redis.zcard(`${p}idx:all`),
    pendingIntents: pending.length,
  };
}
