// TEST EQUIPMENT ONLY: part of the single-node Kafka test broker used by the test suites. It is not a
// Kafka implementation for production; production runs Apache Kafka (see deploy/).
//
// Storage of the test broker: one append-only log per partition holding the record batches exactly as
// produced (only baseOffset rewritten, which the batch CRC does not cover), the idempotent-producer state
// rebuilt from those batches, committed group offsets and the producer-id counter. With a data directory
// everything survives a stop, a crash (SIGKILL) and a restart; without one it lives in memory.
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { Batch, ErrorCode, crc32c, readBatchHeader } from './protocol.js';

export interface StoredBatch {
  baseOffset: number;
  lastOffset: number;
  maxTimestamp: number;
  /** The whole batch as served to consumers (baseOffset already set). */
  bytes: Buffer;
}

export interface AppendResult {
  error: number;
  baseOffset: number;
  /** True when the batch was a retry of one already in the log (same producer id, epoch and sequences). */
  duplicate: boolean;
}

interface ProducerEntry {
  epoch: number;
  lastSequence: number;
  /** Metadata of the last five batches, as Kafka keeps, to answer a retried batch with its first offset. */
  recent: { firstSequence: number; lastSequence: number; baseOffset: number }[];
}

const INT32_MAX = 0x7fffffff;
const RECENT_BATCHES = 5;

export function isLegalTopicName(name: string): boolean {
  return /^[a-zA-Z0-9._-]{1,249}$/.test(name) && name !== '.' && name !== '..';
}

export class PartitionLog {
  readonly batches: StoredBatch[] = [];
  nextOffset = 0;
  private fd: number | null = null;
  private readonly producers = new Map<bigint, ProducerEntry>();

  constructor(file: string | null) {
    if (file === null) return;
    if (existsSync(file)) this.load(file);
    this.fd = openSync(file, 'a');
  }

  /** Replays the log file; a torn batch at the tail (crash during a write) is cut off, as Kafka's recovery does. */
  private load(file: string): void {
    const buf = readFileSync(file);
    let at = 0;
    for (;;) {
      const info = readBatchHeader(buf, at);
      if (!info) break;
      const bytes = Buffer.from(buf.subarray(at, at + info.size));
      if (bytes.readUInt32BE(Batch.CRC) !== crc32c(bytes.subarray(Batch.ATTRIBUTES))) break;
      const baseOffset = Number(bytes.readBigInt64BE(Batch.BASE_OFFSET));
      this.batches.push({
        baseOffset,
        lastOffset: baseOffset + info.lastOffsetDelta,
        maxTimestamp: info.maxTimestamp,
        bytes,
      });
      this.nextOffset = baseOffset + info.lastOffsetDelta + 1;
      if (info.producerId >= 0n)
        this.remember(
          info.producerId,
          info.producerEpoch,
          info.baseSequence,
          info.recordCount,
          baseOffset,
        );
      at += info.size;
    }
    if (at < buf.length) truncateSync(file, at);
  }

  get logStartOffset(): number {
    return this.batches[0]?.baseOffset ?? this.nextOffset;
  }

  /** The highest producer id found in this log (to keep allocated ids unique after a restart). */
  maxProducerId(): bigint {
    let max = -1n;
    for (const id of this.producers.keys()) if (id > max) max = id;
    return max;
  }

  private remember(
    producerId: bigint,
    epoch: number,
    firstSequence: number,
    count: number,
    baseOffset: number,
  ): void {
    const lastSequence = (firstSequence + count - 1) % (INT32_MAX + 1);
    let entry = this.producers.get(producerId);
    if (!entry || entry.epoch !== epoch) {
      entry = { epoch, lastSequence, recent: [] };
      this.producers.set(producerId, entry);
    }
    entry.lastSequence = lastSequence;
    entry.recent.push({ firstSequence, lastSequence, baseOffset });
    if (entry.recent.length > RECENT_BATCHES) entry.recent.shift();
  }

  /**
   * Appends one v2 record batch. Idempotent producers (producerId >= 0) are checked like Kafka does: a batch
   * whose sequences match one of the producer's last five batches is a retry and is answered with the offset
   * it got the first time, without appending; a gap in the sequence is OUT_OF_ORDER_SEQUENCE_NUMBER; an older
   * epoch is INVALID_PRODUCER_EPOCH. A new epoch starts its sequences afresh.
   */
  append(input: Buffer): AppendResult {
    const info = readBatchHeader(input, 0);
    if (!info || info.size !== input.length || info.recordCount < 0)
      return { error: ErrorCode.CORRUPT_MESSAGE, baseOffset: -1, duplicate: false };
    if (input.readInt8(Batch.MAGIC) !== 2)
      return { error: ErrorCode.UNSUPPORTED_FOR_MESSAGE_FORMAT, baseOffset: -1, duplicate: false };
    if (input.readUInt32BE(Batch.CRC) !== crc32c(input.subarray(Batch.ATTRIBUTES))) {
      return { error: ErrorCode.CORRUPT_MESSAGE, baseOffset: -1, duplicate: false };
    }
    if (info.producerId >= 0n) {
      const entry = this.producers.get(info.producerId);
      // A producer this partition has never seen must start at sequence 0 (the state of every producer that
      // wrote here is rebuilt from the log at start, so a restart does not make a producer unknown).
      if (!entry && info.baseSequence !== 0)
        return { error: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER, baseOffset: -1, duplicate: false };
      if (entry) {
        if (info.producerEpoch < entry.epoch)
          return { error: ErrorCode.INVALID_PRODUCER_EPOCH, baseOffset: -1, duplicate: false };
        if (info.producerEpoch === entry.epoch) {
          const lastSequence = (info.baseSequence + info.recordCount - 1) % (INT32_MAX + 1);
          const seen = entry.recent.find(
            (b) => b.firstSequence === info.baseSequence && b.lastSequence === lastSequence,
          );
          if (seen) return { error: ErrorCode.NONE, baseOffset: seen.baseOffset, duplicate: true };
          const expected = entry.lastSequence === INT32_MAX ? 0 : entry.lastSequence + 1;
          if (info.baseSequence !== expected)
            return {
              error: ErrorCode.OUT_OF_ORDER_SEQUENCE_NUMBER,
              baseOffset: -1,
              duplicate: false,
            };
        }
      }
    }
    const baseOffset = this.nextOffset;
    const bytes = Buffer.from(input); // own copy, detached from the request buffer
    bytes.writeBigInt64BE(BigInt(baseOffset), Batch.BASE_OFFSET);
    if (this.fd !== null) writeSync(this.fd, bytes); // acknowledged only after the write returned
    this.batches.push({
      baseOffset,
      lastOffset: baseOffset + info.lastOffsetDelta,
      maxTimestamp: info.maxTimestamp,
      bytes,
    });
    this.nextOffset = baseOffset + info.lastOffsetDelta + 1;
    if (info.producerId >= 0n)
      this.remember(
        info.producerId,
        info.producerEpoch,
        info.baseSequence,
        info.recordCount,
        baseOffset,
      );
    return { error: ErrorCode.NONE, baseOffset, duplicate: false };
  }

  /**
   * Whole batches from the one containing `offset`, up to maxBytes, but always at least one batch when any
   * exists (so a batch larger than maxBytes never stalls a consumer, as in Kafka since KIP-74).
   */
  read(offset: number, maxBytes: number, mustReturnOne: boolean): Buffer[] {
    let lo = 0;
    let hi = this.batches.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.batches[mid]!.lastOffset < offset) lo = mid + 1;
      else hi = mid;
    }
    const out: Buffer[] = [];
    let size = 0;
    for (let i = lo; i < this.batches.length; i++) {
      const b = this.batches[i]!.bytes;
      if (size + b.length > maxBytes && !(mustReturnOne && out.length === 0)) break;
      out.push(b);
      size += b.length;
    }
    return out;
  }

  /** First offset of the first batch whose max timestamp is at or after `timestamp` (batch granularity), or -1. */
  offsetForTimestamp(timestamp: number): number {
    return this.batches.find((b) => b.maxTimestamp >= timestamp)?.baseOffset ?? -1;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}

export interface CommittedOffset {
  offset: number;
  metadata: string | null;
}
type GroupOffsets = Record<string, Record<string, Record<string, CommittedOffset>>>;

export class Storage {
  readonly topics = new Map<string, PartitionLog[]>();
  private offsets: GroupOffsets = {};
  private nextProducerId = 1000n;

  constructor(private readonly dataDir: string | null) {
    if (dataDir === null) return;
    mkdirSync(join(dataDir, 'logs'), { recursive: true });
    const topics = this.readJson<Record<string, number>>('topics.json') ?? {};
    for (const [name, partitions] of Object.entries(topics)) this.openTopic(name, partitions);
    this.offsets = this.readJson<GroupOffsets>('offsets.json') ?? {};
    const ids = this.readJson<{ next: string }>('producer-ids.json');
    if (ids) this.nextProducerId = BigInt(ids.next);
    for (const logs of this.topics.values()) {
      for (const log of logs)
        if (log.maxProducerId() >= this.nextProducerId)
          this.nextProducerId = log.maxProducerId() + 1n;
    }
  }

  private readJson<T>(name: string): T | null {
    if (this.dataDir === null) return null;
    const file = join(this.dataDir, name);
    if (!existsSync(file)) return null;
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  }

  /** Atomic replace (write, fsync, rename), so a crash leaves the old or the new file, never half of one. */
  private writeJson(name: string, value: unknown): void {
    if (this.dataDir === null) return;
    const file = join(this.dataDir, name);
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, JSON.stringify(value));
    const fd = openSync(tmp, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, file);
  }

  private logFile(topic: string, partition: number): string | null {
    return this.dataDir === null ? null : join(this.dataDir, 'logs', `${topic}-${partition}.log`);
  }

  private openTopic(name: string, partitions: number): PartitionLog[] {
    const logs = Array.from(
      { length: partitions },
      (_, p) => new PartitionLog(this.logFile(name, p)),
    );
    this.topics.set(name, logs);
    return logs;
  }

  private saveTopics(): void {
    this.writeJson(
      'topics.json',
      Object.fromEntries([...this.topics].map(([name, logs]) => [name, logs.length])),
    );
  }

  createTopic(name: string, partitions: number): PartitionLog[] {
    const logs = this.openTopic(name, partitions);
    this.saveTopics();
    return logs;
  }

  deleteTopic(name: string): void {
    const logs = this.topics.get(name);
    if (!logs) return;
    this.topics.delete(name);
    this.saveTopics();
    logs.forEach((log, p) => {
      log.close();
      const file = this.logFile(name, p);
      if (file) rmSync(file, { force: true });
    });
  }

  partition(topic: string, partition: number): PartitionLog | undefined {
    return this.topics.get(topic)?.[partition];
  }

  allocateProducerId(): bigint {
    const id = this.nextProducerId;
    this.nextProducerId += 1n;
    this.writeJson('producer-ids.json', { next: this.nextProducerId.toString() });
    return id;
  }

  commitOffsets(
    group: string,
    entries: { topic: string; partition: number; offset: number; metadata: string | null }[],
  ): void {
    const byTopic = (this.offsets[group] ??= {});
    for (const e of entries)
      (byTopic[e.topic] ??= {})[String(e.partition)] = { offset: e.offset, metadata: e.metadata };
    this.writeJson('offsets.json', this.offsets);
  }

  committed(group: string): Record<string, Record<string, CommittedOffset>> {
    return this.offsets[group] ?? {};
  }

  close(): void {
    for (const logs of this.topics.values()) for (const log of logs) log.close();
  }
}
