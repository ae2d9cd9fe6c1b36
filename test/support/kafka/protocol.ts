// TEST EQUIPMENT ONLY: part of the single-node Kafka test broker used by the test suites. It is not a
// Kafka implementation for production; production runs Apache Kafka (see deploy/).
//
// Wire primitives of the Kafka protocol. A Reader or Writer made with `flexible` set uses the encodings of
// the "flexible versions" (KIP-482): compact strings, arrays and bytes (unsigned varint length + 1, 0 for
// null) and a tagged-field section closing every structure (`tags()`); otherwise the classic ones, where
// `tags()` does nothing. Handlers are written once and work in both, the version deciding which fields exist.

/** API keys served by the test broker. */
export const ApiKey = {
  Produce: 0,
  Fetch: 1,
  ListOffsets: 2,
  Metadata: 3,
  OffsetCommit: 8,
  OffsetFetch: 9,
  FindCoordinator: 10,
  JoinGroup: 11,
  Heartbeat: 12,
  LeaveGroup: 13,
  SyncGroup: 14,
  DescribeGroups: 15,
  ApiVersions: 18,
  CreateTopics: 19,
  DeleteTopics: 20,
  InitProducerId: 22,
} as const;

/** Kafka error codes used by the broker (names as in org.apache.kafka.common.protocol.Errors). */
export const ErrorCode = {
  NONE: 0,
  OFFSET_OUT_OF_RANGE: 1,
  CORRUPT_MESSAGE: 2,
  UNKNOWN_TOPIC_OR_PARTITION: 3,
  INVALID_TOPIC_EXCEPTION: 17,
  ILLEGAL_GENERATION: 22,
  INCONSISTENT_GROUP_PROTOCOL: 23,
  INVALID_GROUP_ID: 24,
  UNKNOWN_MEMBER_ID: 25,
  REBALANCE_IN_PROGRESS: 27,
  UNSUPPORTED_VERSION: 35,
  TOPIC_ALREADY_EXISTS: 36,
  INVALID_PARTITIONS: 37,
  INVALID_REPLICATION_FACTOR: 38,
  UNSUPPORTED_FOR_MESSAGE_FORMAT: 43,
  OUT_OF_ORDER_SEQUENCE_NUMBER: 45,
  INVALID_PRODUCER_EPOCH: 47,
} as const;

export class ProtocolError extends Error {}

/** Reads big-endian Kafka primitives from one request body. Throws ProtocolError when it runs short. */
export class Reader {
  private pos = 0;
  constructor(
    private readonly buf: Buffer,
    /** Compact encodings and tagged fields (a flexible version). */
    public flexible = false,
  ) {}

  get offset(): number {
    return this.pos;
  }
  remaining(): number {
    return this.buf.length - this.pos;
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length)
      throw new ProtocolError(`request truncated at byte ${this.pos}`);
  }

  int8(): number {
    this.need(1);
    const v = this.buf.readInt8(this.pos);
    this.pos += 1;
    return v;
  }
  int16(): number {
    this.need(2);
    const v = this.buf.readInt16BE(this.pos);
    this.pos += 2;
    return v;
  }
  int32(): number {
    this.need(4);
    const v = this.buf.readInt32BE(this.pos);
    this.pos += 4;
    return v;
  }
  int64(): bigint {
    this.need(8);
    const v = this.buf.readBigInt64BE(this.pos);
    this.pos += 8;
    return v;
  }
  /** An INT64 that the broker uses as a JS number (offsets, timestamps): exact below 2^53. */
  int64n(): number {
    return Number(this.int64());
  }
  bool(): boolean {
    return this.int8() !== 0;
  }

  /** Unsigned varint (protobuf style, 7 bits a byte, little end first), at most 5 bytes. */
  uvarint(): number {
    let value = 0;
    for (let shift = 0; shift < 35; shift += 7) {
      const b = this.int8() & 0xff;
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    throw new ProtocolError(`varint too long at byte ${this.pos}`);
  }

  /** Length of a string, bytes or array field: -1 for null. Compact lengths are stored plus one. */
  private lengthField(classic: () => number): number {
    return this.flexible ? this.uvarint() - 1 : classic();
  }

  /** The tagged-field section closing a structure of a flexible version (fields skipped: none is used). */
  tags(): void {
    if (!this.flexible) return;
    const count = this.uvarint();
    for (let i = 0; i < count; i++) {
      this.uvarint(); // tag
      const size = this.uvarint();
      this.need(size);
      this.pos += size;
    }
  }

  /** A classic (INT16-length) nullable string whatever the version: the request header's client id. */
  classicNullableString(): string | null {
    const flexible = this.flexible;
    this.flexible = false;
    try {
      return this.nullableString();
    } finally {
      this.flexible = flexible;
    }
  }

  nullableString(): string | null {
    const len = this.lengthField(() => this.int16());
    if (len === -1) return null;
    this.need(len);
    const v = this.buf.toString('utf8', this.pos, this.pos + len);
    this.pos += len;
    return v;
  }

  string(): string {
    return this.nullableString() ?? '';
  }

  bytes(): Buffer | null {
    const len = this.lengthField(() => this.int32());
    if (len === -1) return null;
    this.need(len);
    const v = this.buf.subarray(this.pos, this.pos + len);
    this.pos += len;
    return v;
  }

  nullableArray<T>(item: (r: Reader) => T): T[] | null {
    const len = this.lengthField(() => this.int32());
    if (len === -1) return null;
    if (len < 0 || len > this.remaining()) throw new ProtocolError(`bad array length ${len}`);
    const out: T[] = [];
    for (let i = 0; i < len; i++) out.push(item(this));
    return out;
  }

  array<T>(item: (r: Reader) => T): T[] {
    return this.nullableArray(item) ?? [];
  }
}

/** Builds a response body from Kafka primitives. */
export class Writer {
  private readonly chunks: Buffer[] = [];
  private size = 0;

  /** `flexible`: compact encodings and tagged fields (a flexible version). */
  constructor(public readonly flexible = false) {}

  private push(b: Buffer): this {
    this.chunks.push(b);
    this.size += b.length;
    return this;
  }

  get length(): number {
    return this.size;
  }

  int8(v: number): this {
    const b = Buffer.allocUnsafe(1);
    b.writeInt8(v);
    return this.push(b);
  }
  int16(v: number): this {
    const b = Buffer.allocUnsafe(2);
    b.writeInt16BE(v);
    return this.push(b);
  }
  int32(v: number): this {
    const b = Buffer.allocUnsafe(4);
    b.writeInt32BE(v);
    return this.push(b);
  }
  int64(v: number | bigint): this {
    const b = Buffer.allocUnsafe(8);
    b.writeBigInt64BE(BigInt(v));
    return this.push(b);
  }
  bool(v: boolean): this {
    return this.int8(v ? 1 : 0);
  }

  uvarint(v: number): this {
    const out: number[] = [];
    let rest = v;
    while (rest >= 0x80) {
      out.push((rest % 0x80) | 0x80);
      rest = Math.floor(rest / 0x80);
    }
    out.push(rest);
    return this.push(Buffer.from(out));
  }

  /** Length of a string, bytes or array field (-1: null); compact lengths are written plus one. */
  private lengthField(n: number, classic: (n: number) => this): this {
    return this.flexible ? this.uvarint(n + 1) : classic(n);
  }

  /** An empty tagged-field section closing a structure of a flexible version; nothing otherwise. */
  tags(): this {
    return this.flexible ? this.uvarint(0) : this;
  }

  nullableString(v: string | null): this {
    if (v === null) return this.lengthField(-1, (n) => this.int16(n));
    const b = Buffer.from(v, 'utf8');
    return this.lengthField(b.length, (n) => this.int16(n)).push(b);
  }

  string(v: string): this {
    return this.nullableString(v);
  }

  bytes(v: Buffer | null): this {
    if (v === null) return this.lengthField(-1, (n) => this.int32(n));
    return this.lengthField(v.length, (n) => this.int32(n)).push(v);
  }

  /** A bytes field made of several buffers back to back (record batches), without copying them first. */
  bytesOf(parts: readonly Buffer[]): this {
    this.lengthField(
      parts.reduce((n, b) => n + b.length, 0),
      (n) => this.int32(n),
    );
    for (const b of parts) this.push(b);
    return this;
  }

  raw(v: Buffer): this {
    return this.push(v);
  }

  array<T>(items: readonly T[], item: (w: Writer, v: T) => void): this {
    this.lengthField(items.length, (n) => this.int32(n));
    for (const v of items) item(this, v);
    return this;
  }

  int32Array(items: readonly number[]): this {
    return this.array(items, (w, v) => {
      w.int32(v);
    });
  }

  toBuffer(): Buffer {
    return Buffer.concat(this.chunks, this.size);
  }
}

// CRC-32C (Castagnoli), the checksum of a v2 record batch (covers attributes to the end of the batch).
const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32c(buf: Buffer): number {
  let crc = 0xffffffff;
  for (let i = 0; i < buf.length; i++)
    crc = (CRC32C_TABLE[(crc ^ buf[i]!) & 0xff]! ^ (crc >>> 8)) >>> 0;
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * Byte layout of a v2 record batch (magic 2), as written by kafkajs and stored on disk unchanged apart from
 * baseOffset: baseOffset INT64, batchLength INT32, partitionLeaderEpoch INT32, magic INT8, crc UINT32,
 * attributes INT16, lastOffsetDelta INT32, firstTimestamp INT64, maxTimestamp INT64, producerId INT64,
 * producerEpoch INT16, baseSequence INT32, records [..].
 */
export const Batch = {
  BASE_OFFSET: 0,
  LENGTH: 8,
  MAGIC: 16,
  CRC: 17,
  ATTRIBUTES: 21,
  LAST_OFFSET_DELTA: 23,
  FIRST_TIMESTAMP: 27,
  MAX_TIMESTAMP: 35,
  PRODUCER_ID: 43,
  PRODUCER_EPOCH: 51,
  BASE_SEQUENCE: 53,
  RECORD_COUNT: 57,
  HEADER_SIZE: 61,
  /** Bytes before the part that batchLength counts (baseOffset + batchLength). */
  LOG_OVERHEAD: 12,
} as const;

export interface BatchInfo {
  /** Whole batch including the 12-byte log overhead. */
  size: number;
  lastOffsetDelta: number;
  maxTimestamp: number;
  producerId: bigint;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Reads the header of the record batch at `at`, or returns null when fewer bytes than a whole batch follow. */
export function readBatchHeader(buf: Buffer, at: number): BatchInfo | null {
  if (buf.length - at < Batch.HEADER_SIZE) return null;
  const size = Batch.LOG_OVERHEAD + buf.readInt32BE(at + Batch.LENGTH);
  if (size < Batch.HEADER_SIZE || buf.length - at < size) return null;
  return {
    size,
    lastOffsetDelta: buf.readInt32BE(at + Batch.LAST_OFFSET_DELTA),
    maxTimestamp: Number(buf.readBigInt64BE(at + Batch.MAX_TIMESTAMP)),
    producerId: buf.readBigInt64BE(at + Batch.PRODUCER_ID),
    producerEpoch: buf.readInt16BE(at + Batch.PRODUCER_EPOCH),
    baseSequence: buf.readInt32BE(at + Batch.BASE_SEQUENCE),
    recordCount: buf.readInt32BE(at + Batch.RECORD_COUNT),
  };
}
