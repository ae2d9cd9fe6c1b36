// Group-batched, idempotent Kafka producer for the event log. Writes arriving while a send is in
// flight go out together in the next one (one request, acks from all in-sync replicas), the way the
// embedded store shares one fsync. One send at a time keeps each partition's records in write order.
// After a failed send the producer is replaced (a fresh producer id), so a later batch can never be
// mistaken by the broker for a retry of a batch whose fate is unknown.
import type { Kafka, Message, Producer } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { traceProduce } from '../../src/telemetry/store-signals.js';

interface Pending {
  message: Message;
  resolve: () => void;
  reject: (err: Error) => void;
}

export class KafkaLogWriter {
  private producer: Producer;
  private queue: Pending[] = [];
  private sending = false;
  private scheduled = false;
  private closed = false;

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly maxBatch = 1000,
  ) {
    this.producer = this.create();
  }

  private create(): Producer {
    return this.kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
    });
  }

  async connect(): Promise<void> {
    await this.producer.connect();
  }

  /** Resolves once the record is acknowledged by all in-sync replicas. */
  write(message: Message): Promise<void> {
    if (this.closed) return Promise.reject(new Error('log writer closed'));
    return traceProduce(
      this.topic,
      message,
      (traced) =>
        new Promise((resolve, reject) => {
          this.queue.push({ message: traced, resolve, reject });
          this.kick();
        }),
    );
  }

  private kick(): void {
    if (this.sending || this.scheduled || this.queue.length === 0) return;
    this.scheduled = true;
    // Let the rest of this event-loop turn add its writes to the batch.
    setImmediate(() => {
      this.scheduled = false;
      void this.sendBatch();
    });
  }

  private async sendBatch(): Promise<void> {
    if (this.sending || this.queue.length === 0) return;
    this.sending = true;
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      await this.producer.send({
        topic: this.topic,
        acks: -1,
        messages: batch.map((p) => p.message),
      });
      for (const p of batch) p.resolve();
    } catch (err) {
      const error = err instanceof Error ? err : new Error(String(err));
      for (const p of batch) p.reject(error);
      const old = this.producer;
      this.producer = this.create();
      await old.disconnect().catch(() => undefined);
      if (!this.closed) await this.producer.connect().catch(() => undefined);
    } finally {
      this.sending = false;
      this.kick();
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    for (let i = 0; i < 40 && (this.sending || this.queue.length > 0); i++)
      await new Promise((r) => setTimeout(r, 50));
    for (const p of this.queue.splice(0)) p.reject(new Error('log writer closed'));
    await this.producer.disconnect();
  }
}
