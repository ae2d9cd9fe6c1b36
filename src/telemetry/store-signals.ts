// One-call hooks for the store adapters: the embedded store's group commit (latency and batch
// size), Kafka produce and consume spans (messaging semantic conventions; the producer span's
// context replaces the record's traceparent, so the consumer in any process continues the trace),
// and the cluster's write timeouts and reconciler completions. API only: no SDK, no node:*.
import { ROOT_CONTEXT, context, propagation, type TextMapGetter } from '@opentelemetry/api';
import { instruments } from './instruments.js';
import { SpanKind, inSpan } from './spans.js';

/** Times one synchronous group-commit transaction of `batchSize` writes. */
export function timedCommit<T>(batchSize: number, commit: () => T): T {
  const started = performance.now();
  try {
    return commit();
  } finally {
    const m = instruments();
    m.storeCommitDuration.record((performance.now() - started) / 1000);
    m.storeCommitBatch.record(batchSize);
  }
}

interface KafkaMessageLike {
  key?: string | Buffer | null;
  headers?: Record<string, string | Buffer | (string | Buffer)[] | undefined>;
}

/** A PRODUCER span around one record's send, its context injected into the record's headers. */
export function traceProduce<M extends KafkaMessageLike>(
  topic: string,
  message: M,
  send: (message: M) => Promise<void>,
): Promise<void> {
  const started = performance.now();
  return inSpan(
    `send ${topic}`,
    {
      kind: SpanKind.PRODUCER,
      attributes: {
        'messaging.system': 'kafka',
        'messaging.operation.type': 'send',
        'messaging.operation.name': 'send',
        'messaging.destination.name': topic,
        ...(typeof message.key === 'string' ? { 'messaging.kafka.message.key': message.key } : {}),
      },
    },
    async () => {
      const headers: Record<string, string | Buffer | (string | Buffer)[] | undefined> = {
        ...message.headers,
      };
      propagation.inject(context.active(), headers);
      let outcome = 'error';
      try {
        await send({ ...message, headers });
        outcome = 'ok';
      } finally {
        instruments().kafkaWriteDuration.record((performance.now() - started) / 1000, {
          outcome,
        });
      }
    },
  );
}

const recordGetter: TextMapGetter<Record<string, string | undefined>> = {
  keys: (c) => Object.keys(c),
  get: (c, key) => c[key],
};

/** A CONSUMER span for one record, child of the producer's context found in its headers. */
export function traceConsume<T>(
  topic: string,
  consumerGroup: string,
  headers: Record<string, string | undefined>,
  process: () => T,
): T {
  const parent = propagation.extract(ROOT_CONTEXT, headers, recordGetter);
  return context.with(parent, () =>
    inSpan(
      `process ${topic}`,
      {
        kind: SpanKind.CONSUMER,
        attributes: {
          'messaging.system': 'kafka',
          'messaging.operation.type': 'process',
          'messaging.operation.name': 'process',
          'messaging.destination.name': topic,
          'messaging.consumer.group.name': consumerGroup,
        },
      },
      process,
    ),
  );
}

/** Counts a write answered 503 because Kafka had not acknowledged in time; returns that error. */
export function countWriteTimeout<E>(error: E): E {
  instruments().kafkaWriteTimeouts.add(1);
  return error;
}

export function countReconciled(): void {
  instruments().reconcilerCompletions.add(1);
}

export function countDispatchDeadLetter(): void {
  instruments().dispatchDeadLetters.add(1);
}
