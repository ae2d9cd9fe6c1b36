// Reads a topic from the beginning up to the end it had when the read started, partition by
// partition in offset order, with a throw-away consumer group that commits nothing.
import type { Kafka, KafkaMessage } from 'kafkajs';

export async function readTopicToEnd(
  kafka: Kafka,
  topic: string,
  onMessage: (m: KafkaMessage, partition: number) => Promise<void>,
  timeoutMs = 120_000,
): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  const ends = new Map(
    (await admin.fetchTopicOffsets(topic)).map((o) => [o.partition, Number(o.high)]),
  );
  await admin.disconnect();
  const remaining = new Set([...ends].filter(([, high]) => high > 0).map(([p]) => p));
  if (remaining.size === 0) return 0;
  const consumer = kafka.consumer({
    groupId: `hotline-read-${Date.now()}-${Math.random().toString(36).slice(2)}`,
    allowAutoTopicCreation: false,
  });
  let count = 0;
  try {
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const finished = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`reading ${topic} did not finish in ${timeoutMs} ms`)),
        timeoutMs,
      );
      void consumer.run({
        autoCommit: false,
        eachBatch: async (payload) => {
          const { batch } = payload;
          const end = ends.get(batch.partition) ?? 0;
          for (const m of batch.messages) {
            if (Number(m.offset) >= end) break;
            try {
              await onMessage(m, batch.partition);
            } catch (err) {
              reject(err instanceof Error ? err : new Error(String(err)));
              return;
            }
            count += 1;
            payload.resolveOffset(m.offset);
            if (Number(m.offset) + 1 >= end) remaining.delete(batch.partition);
          }
          await payload.heartbeat();
          if (remaining.size === 0) {
            clearTimeout(timer);
            resolve();
          }
        },
      });
    });
    await finished;
  } finally {
    await consumer.disconnect();
  }
  return count;
}
