// The record of one accepted write (a submit or an append) as it travels: the write-ahead intent kept
// in Redis until the write is in Kafka and the views, and the value of the Kafka record in
// hotline.order-events. One record per write, so a write's events are atomic in the log.
import type { OrderEvent } from '../../contracts/events.js';
import type { Submission } from '../../src/ports/order-store.js';

export interface WriteRecord {
  v: 1;
  orderId: string;
  /** The seq of the first event; events carry fromSeq, fromSeq + 1, ... */
  fromSeq: number;
  events: OrderEvent[];
  /** Arrival number of a new order (list order), given at its reservation; a rebuild keeps it. */
  n?: number;
  /** Present on the write that created the order: what idempotency and the raw archive need on a rebuild. */
  submit?: {
    source: string;
    externalId: string;
    idempotencyKey?: string;
    bodyHash: string;
    raw: { contentType: string; receivedAt: string; body: string /* base64 */ };
  };
  /** W3C trace context captured when the write was asked for, so a late producer keeps the trace. */
  trace?: Record<string, string>;
}

export const lastSeq = (r: WriteRecord): number => r.fromSeq + r.events.length - 1;

export function submitRecord(s: Submission, trace: Record<string, string>): WriteRecord {
  return {
    v: 1,
    orderId: s.orderId,
    fromSeq: 1,
    events: s.events.map((e, i) => ({ ...e, orderId: s.orderId, seq: i + 1 })),
    submit: {
      source: s.source,
      externalId: s.externalId,
      ...(s.idempotencyKey !== undefined ? { idempotencyKey: s.idempotencyKey } : {}),
      bodyHash: s.bodyHash,
      raw: {
        contentType: s.raw.contentType,
        receivedAt: s.raw.receivedAt,
        body: Buffer.from(s.raw.body).toString('base64'),
      },
    },
    ...(Object.keys(trace).length > 0 ? { trace } : {}),
  };
}

export function decodeRecord(value: Buffer | string | null): WriteRecord {
  if (value === null) throw new Error('empty record');
  const rec = JSON.parse(value.toString()) as WriteRecord;
  if (
    rec.v !== 1 ||
    typeof rec.orderId !== 'string' ||
    !Array.isArray(rec.events) ||
    !Number.isInteger(rec.fromSeq)
  )
    throw new Error('not a hotline write record');
  return rec;
}

/** The Kafka message: key = order id (its partition keeps its order), headers for routing and tracing. */
export function toMessage(rec: WriteRecord): {
  key: string;
  value: string;
  headers: Record<string, string>;
} {
  return {
    key: rec.orderId,
    value: JSON.stringify(rec),
    headers: {
      'hotline-order-id': rec.orderId,
      'hotline-seq': `${rec.fromSeq}-${lastSeq(rec)}`,
      ...(rec.trace ?? {}),
    },
  };
}
