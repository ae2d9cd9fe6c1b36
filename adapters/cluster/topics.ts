// Kafka topic names and their creation. deploy/kafka/topics.md documents partitions, keys and retention;
// the gateway creates missing topics at start (idempotent) so a fresh cluster needs no manual step.
import type { Admin } from 'kafkajs';

export const topics = {
  /** The event log: one record per accepted write, keyed by order id (one order = one partition = in order). */
  orderEvents: 'hotline.order-events',
  /** Assignments for stations that consume Kafka directly, keyed by station id (contracts/dispatch.ts). */
  dispatch: 'hotline.dispatch',
  /** Records the dispatch relay could not handle after retries: the record and the error. */
  deadLetter: 'hotline.order-events.dlq',
} as const;

/** Creates each topic that does not exist yet; existing topics are left as they are. */
export async function ensureTopics(
  admin: Admin,
  specs: { topic: string; numPartitions: number }[],
): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = specs.filter((s) => !existing.has(s.topic));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((s) => ({ ...s, replicationFactor: -1 })),
  });
}

/** True when no record was ever written to the topic (every partition's high watermark is 0). */
export async function topicIsEmpty(admin: Admin, topic: string): Promise<boolean> {
  const offsets = await admin.fetchTopicOffsets(topic);
  return offsets.every((o) => o.high === '0');
}
