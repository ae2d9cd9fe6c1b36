// TEST EQUIPMENT ONLY: a single-node Kafka broker for the test suites, written on node:net. It speaks the
// real Kafka wire protocol in the API versions that kafkajs, librdkafka (kcat) and kafka-python negotiate,
// so the cluster-mode adapters are tested with the real kafkajs client and the dispatch stream with kcat;
// it is NOT a Kafka for production (no replication, no security, no transactions, no retention or
// compaction). Production runs Apache Kafka, see deploy/.
//
// Served API versions: versions.ts (and README.md). Every version from Kafka 4.0's lowest to the last
// classic one of each API, plus the flexible ApiVersions v3. Produce and Fetch always carry v2 record
// batches (magic 2) with producer id, epoch and sequence, which the idempotent producer needs. This file
// holds the connections and the data APIs; the consumer-group APIs are in group-apis.ts.
import { createServer, type Server, type Socket } from 'node:net';
import { GroupApis } from './group-apis.js';
import { GroupCoordinator } from './groups.js';
import { ApiKey, ErrorCode, ProtocolError, Reader, Writer, readBatchHeader } from './protocol.js';
import { Storage, isLegalTopicName, type PartitionLog } from './storage.js';
import { SERVED_VERSIONS, flexibleResponseHeader, isFlexible } from './versions.js';

export interface KafkaTestBrokerOptions {
  /** Port to listen on; 0 or absent picks a free one. */
  port?: number;
  /** Interface to listen on and to advertise in metadata; loopback by default. */
  host?: string;
  /** Directory holding the logs, topics, committed offsets and producer ids; without it all is in memory. */
  dataDir?: string;
  /** Create unknown topics when a client asks for their metadata (Kafka's auto.create.topics.enable). Default true. */
  autoCreateTopics?: boolean;
  /** Partitions of auto-created topics and of CreateTopics requests with num_partitions -1. Default 1. */
  defaultPartitions?: number;
  /** Kafka's group.initial.rebalance.delay.ms. Default 0, so tests do not wait. */
  groupInitialRebalanceDelayMs?: number;
  /** Receives one line per notable event (connections dropped, bad requests). Default: silent. */
  log?: (line: string) => void;
}

export interface KafkaTestBroker {
  port: number;
  /** For kafkajs: `new Kafka({ brokers })`. */
  brokers: string[];
  /** Closes the listener and every connection and releases the data directory. Data stays on disk. */
  stop(): Promise<void>;
  /**
   * Fault injection: the next `count` Produce requests are written to the log, then the connection is closed
   * instead of answering, as if the broker died between the append and the acknowledgement.
   */
  dropProduceResponses(count?: number): void;
}

const NODE_ID = 1;
const CLUSTER_ID = 'hotline-kafka-test-broker';
const MAX_FRAME = 64 * 1024 * 1024;

interface RequestContext {
  apiVersion: number;
  clientId: string;
  socket: Socket;
}

/** Kafka's "authorized operations not requested" (INT32 min) in Metadata v8+ and DescribeGroups v3+. */
const OPERATIONS_UNKNOWN = -2147483648;

interface FetchWaiter {
  logs: Set<PartitionLog>;
  wake(): void;
}

class TestBroker {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly storage: Storage;
  private readonly groups: GroupCoordinator;
  private readonly groupApis: GroupApis;
  private readonly waiters = new Set<FetchWaiter>();
  private readonly host: string;
  private readonly autoCreate: boolean;
  private readonly defaultPartitions: number;
  private readonly log: (line: string) => void;
  private dropResponses = 0;
  private stopped = false;
  port = 0;

  constructor(options: KafkaTestBrokerOptions) {
    this.host = options.host ?? '127.0.0.1';
    this.autoCreate = options.autoCreateTopics ?? true;
    this.defaultPartitions = options.defaultPartitions ?? 1;
    this.log = options.log ?? (() => undefined);
    this.storage = new Storage(options.dataDir ?? null);
    this.groups = new GroupCoordinator({
      initialRebalanceDelayMs: options.groupInitialRebalanceDelayMs ?? 0,
    });
    this.groupApis = new GroupApis(this.groups, this.storage, () => ({
      nodeId: NODE_ID,
      host: this.host,
      port: this.port,
    }));
    this.server = createServer((socket) => {
      this.accept(socket);
    });
  }

  async listen(port: number): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen(port, this.host, () => {
        this.server.off('error', reject);
        resolve();
      });
    });
    const addr = this.server.address();
    this.port = typeof addr === 'object' && addr ? addr.port : port;
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    const closed = new Promise<void>((resolve) => {
      this.server.close(() => {
        resolve();
      });
    });
    for (const s of this.sockets) s.destroy();
    for (const w of this.waiters) w.wake();
    this.groups.close();
    this.storage.close();
    await closed;
  }

  dropProduceResponses(count: number): void {
    this.dropResponses += count;
  }

  private accept(socket: Socket): void {
    if (this.stopped) {
      socket.destroy();
      return;
    }
    this.sockets.add(socket);
    socket.setNoDelay(true);
    let pending: Buffer = Buffer.alloc(0);
    // Requests on one connection are handled one at a time and answered in order, as Kafka does.
    let chain: Promise<void> = Promise.resolve();
    socket.on('data', (chunk: Buffer) => {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      while (pending.length >= 4) {
        const size = pending.readInt32BE(0);
        if (size < 0 || size > MAX_FRAME) {
          this.log(`bad frame size ${size}, closing`);
          socket.destroy();
          return;
        }
        if (pending.length < 4 + size) break;
        const frame = Buffer.from(pending.subarray(4, 4 + size));
        pending = pending.subarray(4 + size);
        chain = chain
          .then(() => this.handleFrame(socket, frame))
          .catch((err: unknown) => {
            this.log(
              `closing connection after bad request: ${err instanceof Error ? err.message : String(err)}`,
            );
            socket.destroy();
          });
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      this.sockets.delete(socket);
    });
  }

  private async handleFrame(socket: Socket, frame: Buffer): Promise<void> {
    if (this.stopped || socket.destroyed) return;
    const r = new Reader(frame);
    const apiKey = r.int16();
    const apiVersion = r.int16();
    const correlationId = r.int32();
    // Request header v1, or v2 in a flexible version: the client id stays a classic string, then tags.
    const clientId = r.classicNullableString() ?? '';
    const range = SERVED_VERSIONS.get(apiKey);
    let body: Writer | null;
    let taggedHeader = false;
    if (apiKey === ApiKey.ApiVersions && (!range || apiVersion > range[1])) {
      // Kafka answers an ApiVersions it cannot parse in v0 format with UNSUPPORTED_VERSION and its versions,
      // so that the client retries with a version both know.
      body = this.apiVersions(0, ErrorCode.UNSUPPORTED_VERSION);
    } else if (!range || apiVersion < range[0] || apiVersion > range[1]) {
      throw new ProtocolError(`unsupported api ${apiKey} v${apiVersion}`);
    } else {
      r.flexible = isFlexible(apiKey, apiVersion);
      r.tags();
      taggedHeader = flexibleResponseHeader(apiKey, apiVersion);
      body = await this.dispatch(apiKey, r, { apiVersion, clientId, socket });
    }
    if (body === null || this.stopped || socket.destroyed) return;
    const payload = body.toBuffer();
    const headSize = taggedHeader ? 9 : 8;
    const head = Buffer.alloc(headSize); // a tagged header ends with 0: no tagged fields
    head.writeInt32BE(payload.length + headSize - 4, 0);
    head.writeInt32BE(correlationId, 4);
    socket.write(Buffer.concat([head, payload]));
  }

  private dispatch(
    apiKey: number,
    r: Reader,
    ctx: RequestContext,
  ): Promise<Writer | null> | Writer | null {
    const version = ctx.apiVersion;
    switch (apiKey) {
      case ApiKey.ApiVersions:
        return this.apiVersions(version, ErrorCode.NONE, r);
      case ApiKey.Metadata:
        return this.metadata(r, version);
      case ApiKey.Produce:
        return this.produce(r, ctx);
      case ApiKey.Fetch:
        return this.fetch(r, version);
      case ApiKey.ListOffsets:
        return this.listOffsets(r, version);
      case ApiKey.FindCoordinator:
        return this.groupApis.findCoordinator(r, version);
      case ApiKey.JoinGroup:
        return this.groupApis.joinGroup(r, {
          version,
          clientId: ctx.clientId,
          clientHost: `/${ctx.socket.remoteAddress ?? this.host}`,
        });
      case ApiKey.SyncGroup:
        return this.groupApis.syncGroup(r, version);
      case ApiKey.Heartbeat:
        return this.groupApis.heartbeat(r, version);
      case ApiKey.LeaveGroup:
        return this.groupApis.leaveGroup(r, version);
      case ApiKey.OffsetCommit:
        return this.groupApis.offsetCommit(r, version);
      case ApiKey.OffsetFetch:
        return this.groupApis.offsetFetch(r, version);
      case ApiKey.DescribeGroups:
        return this.groupApis.describeGroups(r, version);
      case ApiKey.CreateTopics:
        return this.createTopics(r);
      case ApiKey.DeleteTopics:
        return this.deleteTopics(r);
      case ApiKey.InitProducerId:
        return this.initProducerId(r);
      default:
        throw new ProtocolError(`unsupported api ${apiKey}`);
    }
  }

  // ApiVersions v0-3: error_code [api_key min_version max_version] (v1+: throttle_time_ms). v3 is flexible:
  // the request names the client software, the body is compact with tags (the header is not, see
  // versions.ts).
  private apiVersions(version: number, error: number, r?: Reader): Writer {
    if (r && version >= 3) {
      r.string(); // client_software_name
      r.string(); // client_software_version
      r.tags();
    }
    const w = new Writer(version >= 3)
      .int16(error)
      .array([...SERVED_VERSIONS], (w, [key, [min, max]]) => {
        w.int16(key).int16(min).int16(max).tags();
      });
    if (version >= 1) w.int32(0);
    return w.tags();
  }

  // Metadata v0-8: request [topics] (v0: empty = all, v1+: null = all) (v4+: allow_auto_topic_creation)
  // (v8+: include cluster/topic authorized operations); response (v3+: throttle) [brokers (v1+: rack)]
  // (v2+: cluster_id) (v1+: controller_id) [topic_metadata (v1+: is_internal)] with per partition
  // (v7+) leader_epoch and (v5+) offline_replicas, and (v8+) authorized operations, never asked for here.
  private metadata(r: Reader, version: number): Writer {
    const requested = r.nullableArray((r) => r.string());
    const allowAuto = version >= 4 ? r.bool() : true;
    if (version >= 8) {
      r.bool(); // include_cluster_authorized_operations
      r.bool(); // include_topic_authorized_operations
    }
    const all = requested === null || (version === 0 && requested.length === 0);
    const names = all ? [...this.storage.topics.keys()].sort() : requested;
    const w = new Writer();
    if (version >= 3) w.int32(0);
    w.array([NODE_ID], (w, id) => {
      w.int32(id).string(this.host).int32(this.port);
      if (version >= 1) w.nullableString(null);
    });
    if (version >= 2) w.nullableString(CLUSTER_ID);
    if (version >= 1) w.int32(NODE_ID);
    w.array(names, (w, name) => {
      let logs = this.storage.topics.get(name);
      let error: number = ErrorCode.NONE;
      if (!logs) {
        if (!isLegalTopicName(name)) error = ErrorCode.INVALID_TOPIC_EXCEPTION;
        else if (this.autoCreate && allowAuto)
          logs = this.storage.createTopic(name, this.defaultPartitions);
        else error = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      }
      w.int16(error).string(name);
      if (version >= 1) w.bool(false);
      w.array(
        (logs ?? []).map((_, p) => p),
        (w, p) => {
          w.int16(ErrorCode.NONE).int32(p).int32(NODE_ID);
          if (version >= 7) w.int32(0); // leader_epoch: one node, never a new leader
          w.int32Array([NODE_ID]).int32Array([NODE_ID]);
          if (version >= 5) w.int32Array([]);
        },
      );
      if (version >= 8) w.int32(OPERATIONS_UNKNOWN);
    });
    if (version >= 8) w.int32(OPERATIONS_UNKNOWN);
    return w;
  }

  private produce(r: Reader, ctx: RequestContext): Writer | null {
    r.nullableString(); // transactional_id: transactions are not supported; batches are stored as sent
    const acks = r.int16();
    r.int32(); // timeout: appends are synchronous
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ partition: r.int32(), records: r.bytes() })),
    }));
    const touched = new Set<PartitionLog>();
    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        const log = this.storage.partition(t.name, p.partition);
        if (!log)
          return {
            partition: p.partition,
            error: ErrorCode.UNKNOWN_TOPIC_OR_PARTITION,
            baseOffset: -1,
          };
        const records = p.records ?? Buffer.alloc(0);
        let at = 0;
        let first: { error: number; baseOffset: number } | null = null;
        while (at < records.length) {
          const info = readBatchHeader(records, at);
          if (!info) {
            first ??= { error: ErrorCode.CORRUPT_MESSAGE, baseOffset: -1 };
            break;
          }
          const res = log.append(records.subarray(at, at + info.size));
          if (!res.duplicate && res.error === ErrorCode.NONE) touched.add(log);
          first ??= res;
          if (res.error !== ErrorCode.NONE) {
            first = res;
            break;
          }
          at += info.size;
        }
        return {
          partition: p.partition,
          error: first?.error ?? ErrorCode.CORRUPT_MESSAGE,
          baseOffset: first?.baseOffset ?? -1,
        };
      }),
    }));
    if (touched.size > 0)
      for (const w of [...this.waiters]) if ([...touched].some((l) => w.logs.has(l))) w.wake();
    if (this.dropResponses > 0) {
      this.dropResponses -= 1;
      this.log('fault injection: produce appended, connection closed before the response');
      ctx.socket.destroy();
      return null;
    }
    if (acks === 0) return null;
    // Response v3-8: [topic [partition error base_offset log_append_time (v5+: log_start_offset)
    // (v8+: record_errors error_message)]] throttle_time_ms.
    const version = ctx.apiVersion;
    return new Writer()
      .array(results, (w, t) => {
        w.string(t.name).array(t.partitions, (w, p) => {
          w.int32(p.partition).int16(p.error).int64(p.baseOffset).int64(-1);
          if (version >= 5)
            w.int64(this.storage.partition(t.name, p.partition)?.logStartOffset ?? -1);
          if (version >= 8) w.array([], () => undefined).nullableString(null);
        });
      })
      .int32(0);
  }

  // Fetch v4-11: answers as soon as min_bytes are available, or when max_wait_ms has passed (long poll).
  // Request (v7+: session_id epoch) [topic [partition (v9+: current_leader_epoch) offset (v5+:
  // log_start_offset) max_bytes]] (v7+: forgotten topics) (v11+: rack_id). No fetch sessions: a client
  // asking for one gets session id 0, which tells it to send full fetches, as a Kafka out of session slots.
  private async fetch(r: Reader, version: number): Promise<Writer> {
    r.int32(); // replica_id
    const maxWait = r.int32();
    const minBytes = r.int32();
    const maxBytes = r.int32();
    r.int8(); // isolation_level: there are no transactions, so last stable offset = high watermark
    if (version >= 7) {
      r.int32(); // session_id
      r.int32(); // session_epoch
    }
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => {
        const partition = r.int32();
        if (version >= 9) r.int32(); // current_leader_epoch
        const offset = r.int64n();
        if (version >= 5) r.int64(); // log_start_offset (followers only)
        return { partition, offset, maxBytes: r.int32() };
      }),
    }));
    // Response per partition: partition error high_watermark last_stable_offset (v5+: log_start_offset)
    // [aborted_transactions] (v11+: preferred_read_replica) records; before the topics throttle_time_ms and
    // (v7+) error_code session_id.
    const partitionHead = (
      w: Writer,
      partition: number,
      error: number,
      end: number,
      start: number,
    ): void => {
      w.int32(partition).int16(error).int64(end).int64(end);
      if (version >= 5) w.int64(start);
      w.array([], () => undefined);
      if (version >= 11) w.int32(-1);
    };
    const collect = (): { body: Writer; bytes: number; error: boolean } => {
      let total = 0;
      let error = false;
      const body = new Writer().int32(0);
      if (version >= 7) body.int16(ErrorCode.NONE).int32(0);
      body.array(topics, (w, t) => {
        w.string(t.name).array(t.partitions, (w, p) => {
          const log = this.storage.partition(t.name, p.partition);
          if (!log) {
            error = true;
            partitionHead(w, p.partition, ErrorCode.UNKNOWN_TOPIC_OR_PARTITION, -1, -1);
            w.bytesOf([]);
            return;
          }
          if (p.offset > log.nextOffset || p.offset < log.logStartOffset) {
            error = true;
            partitionHead(
              w,
              p.partition,
              ErrorCode.OFFSET_OUT_OF_RANGE,
              log.nextOffset,
              log.logStartOffset,
            );
            w.bytesOf([]);
            return;
          }
          const budget = Math.min(p.maxBytes, Math.max(0, maxBytes - total));
          const batches = p.offset < log.nextOffset ? log.read(p.offset, budget, total === 0) : [];
          total += batches.reduce((n, b) => n + b.length, 0);
          partitionHead(w, p.partition, ErrorCode.NONE, log.nextOffset, log.logStartOffset);
          w.bytesOf(batches);
        });
      });
      return { body, bytes: total, error };
    };
    const now = collect();
    if (now.error || now.bytes >= minBytes || maxWait <= 0 || this.stopped) return now.body;
    const logs = new Set<PartitionLog>();
    for (const t of topics)
      for (const p of t.partitions) {
        const log = this.storage.partition(t.name, p.partition);
        if (log) logs.add(log);
      }
    return new Promise<Writer>((resolve) => {
      const finish = (): void => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(collect().body);
      };
      const waiter: FetchWaiter = {
        logs,
        wake: () => {
          if (this.stopped) {
            finish();
            return;
          }
          const again = collect();
          if (again.bytes >= minBytes || again.error) finish();
        },
      };
      const timer = setTimeout(finish, maxWait);
      this.waiters.add(waiter);
    });
  }

  // ListOffsets v1-5: timestamp -1 = log end offset (latest), -2 = log start offset (earliest). Request
  // (v2+: isolation_level) [topic [partition (v4+: current_leader_epoch) timestamp]]; response (v2+:
  // throttle) [topic [partition error timestamp offset (v4+: leader_epoch)]].
  private listOffsets(r: Reader, version: number): Writer {
    r.int32(); // replica_id
    if (version >= 2) r.int8(); // isolation_level
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => {
        const partition = r.int32();
        if (version >= 4) r.int32(); // current_leader_epoch
        return { partition, timestamp: r.int64n() };
      }),
    }));
    const w = new Writer();
    if (version >= 2) w.int32(0);
    return w.array(topics, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        const log = this.storage.partition(t.name, p.partition);
        const offset = !log
          ? -1
          : p.timestamp === -1
            ? log.nextOffset
            : p.timestamp === -2
              ? log.logStartOffset
              : log.offsetForTimestamp(p.timestamp);
        w.int32(p.partition)
          .int16(log ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
          .int64(-1)
          .int64(offset);
        if (version >= 4) w.int32(log ? 0 : -1);
      });
    });
  }

  // CreateTopics v2-4 (one layout). A single node holds one replica, so a replication factor above 1 is refused as Kafka would.
  private createTopics(r: Reader): Writer {
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.int32(),
      replicationFactor: r.int16(),
      assignments: r.array((r) => ({ partition: r.int32(), replicas: r.array((r) => r.int32()) })),
      configs: r.array((r) => ({ name: r.string(), value: r.nullableString() })),
    }));
    r.int32(); // timeout
    const validateOnly = r.bool();
    return new Writer().int32(0).array(topics, (w, t) => {
      const partitions =
        t.assignments.length > 0
          ? t.assignments.length
          : t.partitions === -1
            ? this.defaultPartitions
            : t.partitions;
      let error: number = ErrorCode.NONE;
      let message: string | null = null;
      if (!isLegalTopicName(t.name)) {
        error = ErrorCode.INVALID_TOPIC_EXCEPTION;
        message = `illegal topic name '${t.name}'`;
      } else if (this.storage.topics.has(t.name)) {
        error = ErrorCode.TOPIC_ALREADY_EXISTS;
        message = `Topic '${t.name}' already exists.`;
      } else if (partitions <= 0) {
        error = ErrorCode.INVALID_PARTITIONS;
        message = 'Number of partitions must be larger than 0.';
      } else if (t.replicationFactor > 1) {
        error = ErrorCode.INVALID_REPLICATION_FACTOR;
        message = `Replication factor: ${t.replicationFactor} larger than available brokers: 1.`;
      } else if (!validateOnly) this.storage.createTopic(t.name, partitions);
      w.string(t.name).int16(error).nullableString(message);
    });
  }

  // DeleteTopics v1-3 (one layout).
  private deleteTopics(r: Reader): Writer {
    const names = r.array((r) => r.string());
    r.int32(); // timeout
    return new Writer().int32(0).array(names, (w, name) => {
      const exists = this.storage.topics.has(name);
      if (exists) this.storage.deleteTopic(name);
      w.string(name).int16(exists ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
  }

  // InitProducerId v0-1 (one layout): a fresh producer id (epoch 0) per call; ids are never reused, even after a restart.
  private initProducerId(r: Reader): Writer {
    r.nullableString(); // transactional_id
    r.int32(); // transaction_timeout_ms
    return new Writer()
      .int32(0)
      .int16(ErrorCode.NONE)
      .int64(this.storage.allocateProducerId())
      .int16(0);
  }
}

/** Starts the test broker. Test equipment only: see the header of this file. */
export async function startKafkaTestBroker(
  options: KafkaTestBrokerOptions = {},
): Promise<KafkaTestBroker> {
  const broker = new TestBroker(options);
  await broker.listen(options.port ?? 0);
  const host = options.host ?? '127.0.0.1';
  return {
    port: broker.port,
    brokers: [`${host}:${broker.port}`],
    stop: () => broker.stop(),
    dropProduceResponses: (count = 1) => {
      broker.dropProduceResponses(count);
    },
  };
}
