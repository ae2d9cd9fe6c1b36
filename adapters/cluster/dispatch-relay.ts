// The dispatch relay: a consumer group on the event log that turns each dispatch, return and 协办
// part asked for or ended into a message on hotline.dispatch (contracts/dispatch.ts), keyed by station, carrying the webhook's trace
// context. At least once (stations dedupe by messageId); records it cannot handle after retries go
// to the dead-letter topic with the error, so one bad record never stops a partition.
import type { Redis } from 'ioredis';
import type { Consumer, Kafka, KafkaMessage, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { DispatchMessage } from '../../contracts/dispatch.js';
import type { CanonicalOrder } from '../../contracts/order.js';
import type { OrderView } from '../../contracts/views.js';
import { decodeRecord, lastSeq, type WriteRecord } from './order-record.js';
import { topics } from './topics.js';
import { currentTraceHeaders } from './trace-context.js';
import { traceConsume } from '../../src/telemetry/store-signals.js';

export interface DispatchRelayOptions {
  kafka: Kafka;
  redis: Redis;
  prefix?: string;
  groupId?: string;
  sourceTopic?: string;
  dispatchTopic?: string;
  deadLetterTopic?: string;
  /** Reads an order's view when the record does not carry the order (a re-dispatch). */
  getView: (orderId: string) => Promise<OrderView | null>;
  attempts?: number;
  onError?: (err: unknown) => void;
}

/** The messages one write record means for stations. */
export function dispatchMessages(
  rec: WriteRecord,
  order: CanonicalOrder | undefined,
): DispatchMessage[] {
  const out: DispatchMessage[] = [];
  for (const e of rec.events) {
    const common = {
      schema: 'hotline.dispatch/v1' as const,
      messageId: `${rec.orderId}:${e.seq}`,
      orderId: rec.orderId,
      version: lastSeq(rec),
      at: e.at,
    };
    // A rejected return (退单审核) hands the order back to its station: an assignment again.
    // 改派: the station that held the order is told it is gone, before the new one hears of it.
    if (
      e.data.type === 'order.dispatched' &&
      e.data.previousStationId !== undefined &&
      e.data.previousStationId !== e.data.stationId
    )
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'removed',
          stationId: e.data.previousStationId,
          toStationId: e.data.stationId,
        }),
      );
    if (e.data.type === 'order.reopened')
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'reopened',
          stationId: e.data.stationId,
          reason: e.data.reason,
        }),
      );
    else if (e.data.type === 'supervision.urged' && e.data.stationId !== undefined)
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'urged',
          stationId: e.data.stationId,
          ...(e.data.note !== undefined ? { note: e.data.note } : {}),
        }),
      );
    else if (e.data.type === 'order.dispatched' || e.data.type === 'order.return_rejected') {
      if (!order) throw new Error(`no order content for ${rec.orderId}`);
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'assigned',
          stationId: e.data.stationId,
          stationName: e.data.stationName,
          order,
        }),
      );
    } else if (e.data.type === 'order.assist_requested') {
      // 协办: the assisting unit works its part from the stream as the webhook's `assisting` tells it.
      if (!order) throw new Error(`no order content for ${rec.orderId}`);
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'assisting',
          stationId: e.data.stationId,
          stationName: e.data.stationName,
          ...(e.data.note !== undefined ? { note: e.data.note } : {}),
          order,
        }),
      );
    } else if (e.data.type === 'order.assist_removed' || e.data.type === 'order.assist_closed') {
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'assist_ended',
          stationId: e.data.stationId,
          how: e.data.type === 'order.assist_removed' ? 'removed' : 'closed',
          note: e.data.note,
        }),
      );
    } else if (e.data.type === 'order.returned') {
      out.push(
        DispatchMessage.parse({
          ...common,
          kind: 'returned',
          stationId: e.data.stationId,
          reason: e.data.reason,
          note: e.data.note,
        }),
      );
    }
  }
  return out;
}

export class DispatchRelay {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly prefix: string;

  constructor(private readonly o: DispatchRelayOptions) {
    this.prefix = o.prefix ?? 'hotline:';
    this.consumer = o.kafka.consumer({
      groupId: o.groupId ?? 'hotline-dispatch-relay',
      allowAutoTopicCreation: false,
    });
    this.producer = o.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({
      topic: this.o.sourceTopic ?? topics.orderEvents,
      fromBeginning: true,
    });
    await this.consumer.run({
      eachBatch: async (payload) => {
        const { batch } = payload;
        try {
          await this.relayMany(batch.messages);
        } catch {
          // One by one, each with its retries and then the dead-letter topic.
          for (const m of batch.messages) {
            await this.handle(m);
            payload.resolveOffset(m.offset);
            await payload.heartbeat();
          }
        }
      },
    });
  }

  /** A whole fetched batch in one produce request (the common case: every record is fine). */
  private async relayMany(batch: KafkaMessage[]): Promise<void> {
    const records = batch.map((m) => ({ rec: decodeRecord(m.value), headers: m.headers ?? {} }));
    const ids = [...new Set(records.map((r) => r.rec.orderId))];
    if (ids.length === 0) return;
    const seen = await this.o.redis.hmget(`${this.prefix}relay`, ...ids);
    const done = new Map(ids.map((id, i) => [id, Number(seen[i] ?? '0')]));
    const out: { key: string; value: string; headers: Record<string, string> }[] = [];
    for (const { rec, headers } of records) {
      if (lastSeq(rec) <= (done.get(rec.orderId) ?? 0)) continue;
      out.push(...(await this.messagesFor(rec, headers)));
      done.set(rec.orderId, lastSeq(rec));
    }
    if (out.length > 0)
      await this.producer.send({
        topic: this.o.dispatchTopic ?? topics.dispatch,
        acks: -1,
        messages: out,
      });
    await this.o.redis.hset(
      `${this.prefix}relay`,
      Object.fromEntries([...done].map(([id, seq]) => [id, String(seq)])),
    );
  }

  private async messagesFor(
    rec: WriteRecord,
    incomingHeaders: KafkaMessage['headers'] & object,
  ): Promise<{ key: string; value: string; headers: Record<string, string> }[]> {
    const received = rec.events.find((e) => e.data.type === 'order.received');
    const order =
      received?.data.type === 'order.received'
        ? received.data.order
        : (await this.o.getView(rec.orderId))?.order;
    const messages = dispatchMessages(rec, order);
    if (messages.length === 0) return [];
    const incoming = Object.fromEntries(
      Object.entries(incomingHeaders).map(([k, v]) => [
        k,
        (Array.isArray(v) ? v[0] : v)?.toString(),
      ]),
    );
    const group = this.o.groupId ?? 'hotline-dispatch-relay';
    const topic = this.o.sourceTopic ?? topics.orderEvents;
    const headers = traceConsume(topic, group, incoming, () => currentTraceHeaders());
    return messages.map((m) => ({
      key: m.stationId,
      value: JSON.stringify(m),
      headers: { ...headers, 'hotline-order-id': m.orderId },
    }));
  }

  private async handle(message: KafkaMessage): Promise<void> {
    const attempts = this.o.attempts ?? 3;
    let lastError: unknown;
    for (let i = 0; i < attempts; i++) {
      try {
        return await this.relay(message);
      } catch (err) {
        lastError = err;
        await new Promise((r) => setTimeout(r, 100 * 2 ** i));
      }
    }
    this.o.onError?.(lastError);
    await this.producer.send({
      topic: this.o.deadLetterTopic ?? topics.deadLetter,
      acks: -1,
      messages: [
        {
          key: message.key,
          value: message.value,
          headers: {
            ...message.headers,
            'hotline-error': lastError instanceof Error ? lastError.message : String(lastError),
            'hotline-failed-at': new Date().toISOString(),
          },
        },
      ],
    });
  }

  private async relay(message: KafkaMessage): Promise<void> {
    const rec = decodeRecord(message.value);
    // Duplicates of a record (a retried or reconciled write) were relayed already.
    const done = Number((await this.o.redis.hget(`${this.prefix}relay`, rec.orderId)) ?? '0');
    if (lastSeq(rec) <= done) return;
    const out = await this.messagesFor(rec, message.headers ?? {});
    if (out.length > 0)
      await this.producer.send({
        topic: this.o.dispatchTopic ?? topics.dispatch,
        acks: -1,
        messages: out,
      });
    await this.o.redis.hset(`${this.prefix}relay`, rec.orderId, lastSeq(rec));
  }

  async stop(): Promise<void> {
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }
}
