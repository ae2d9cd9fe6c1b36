// TEST EQUIPMENT ONLY: a single-node Kafka broker for the test suites, written on node:net. It speaks the
// real Kafka wire protocol for the API versions kafkajs 2.2.4 negotiates, so the cluster-mode adapters are
// tested with the real kafkajs client; it is NOT a Kafka for production (no replication, no security, no
// transactions, no retention or compaction). Production runs Apache Kafka, see deploy/.
//
// Served API versions (kafkajs uses min(its own max, the broker's advertised max) per API):
//   ApiVersions 0-2, Metadata 1-5, Produce 3, Fetch 4, ListOffsets 2, FindCoordinator 1, JoinGroup 2,
//   SyncGroup 1, Heartbeat 1, LeaveGroup 1, OffsetCommit 2, OffsetFetch 3, DescribeGroups 1,
//   CreateTopics 2, DeleteTopics 1, InitProducerId 0.
// All are below their APIs' "flexible" versions, so every encoding is the classic one. Produce 3 / Fetch 4
// carry v2 record batches (magic 2) with producer id, epoch and sequence, which the idempotent producer needs.
import { createServer, type Server, type Socket } from 'node:net';
import { GroupCoordinator } from './groups.js';
import { ApiKey, ErrorCode, ProtocolError, Reader, Writer, readBatchHeader } from './protocol.js';
import { Storage, isLegalTopicName, type PartitionLog } from './storage.js';

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

/** [min, max] version served per API key. */
const VERSIONS: ReadonlyMap<number, readonly [number, number]> = new Map([
  [ApiKey.Produce, [3, 3]],
  [ApiKey.Fetch, [4, 4]],
  [ApiKey.ListOffsets, [2, 2]],
  [ApiKey.Metadata, [1, 5]],
  [ApiKey.OffsetCommit, [2, 2]],
  [ApiKey.OffsetFetch, [3, 3]],
  [ApiKey.FindCoordinator, [1, 1]],
  [ApiKey.JoinGroup, [2, 2]],
  [ApiKey.Heartbeat, [1, 1]],
  [ApiKey.LeaveGroup, [1, 1]],
  [ApiKey.SyncGroup, [1, 1]],
  [ApiKey.DescribeGroups, [1, 1]],
  [ApiKey.ApiVersions, [0, 2]],
  [ApiKey.CreateTopics, [2, 2]],
  [ApiKey.DeleteTopics, [1, 1]],
  [ApiKey.InitProducerId, [0, 0]],
]);

interface RequestContext {
  apiVersion: number;
  clientId: string;
  socket: Socket;
}

interface FetchWaiter {
  logs: Set<PartitionLog>;
  wake(): void;
}

class TestBroker {
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  private readonly storage: Storage;
  private readonly groups: GroupCoordinator;
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
    const clientId = r.nullableString() ?? '';
    const range = VERSIONS.get(apiKey);
    let body: Writer | null;
    if (apiKey === ApiKey.ApiVersions && (!range || apiVersion > range[1])) {
      // Kafka answers an ApiVersions it cannot parse in v0 format with UNSUPPORTED_VERSION and its versions.
      body = this.apiVersions(0, ErrorCode.UNSUPPORTED_VERSION);
    } else if (!range || apiVersion < range[0] || apiVersion > range[1]) {
      throw new ProtocolError(`unsupported api ${apiKey} v${apiVersion}`);
    } else {
      body = await this.dispatch(apiKey, r, { apiVersion, clientId, socket });
    }
    if (body === null || this.stopped || socket.destroyed) return;
    const payload = body.toBuffer();
    const head = Buffer.allocUnsafe(8);
    head.writeInt32BE(payload.length + 4, 0);
    head.writeInt32BE(correlationId, 4);
    socket.write(Buffer.concat([head, payload]));
  }

  private dispatch(
    apiKey: number,
    r: Reader,
    ctx: RequestContext,
  ): Promise<Writer | null> | Writer | null {
    switch (apiKey) {
      case ApiKey.ApiVersions:
        return this.apiVersions(ctx.apiVersion, ErrorCode.NONE);
      case ApiKey.Metadata:
        return this.metadata(r, ctx.apiVersion);
      case ApiKey.Produce:
        return this.produce(r, ctx);
      case ApiKey.Fetch:
        return this.fetch(r);
      case ApiKey.ListOffsets:
        return this.listOffsets(r);
      case ApiKey.FindCoordinator:
        return this.findCoordinator(r);
      case ApiKey.JoinGroup:
        return this.joinGroup(r, ctx);
      case ApiKey.SyncGroup:
        return this.syncGroup(r);
      case ApiKey.Heartbeat:
        return this.heartbeat(r);
      case ApiKey.LeaveGroup:
        return this.leaveGroup(r);
      case ApiKey.OffsetCommit:
        return this.offsetCommit(r);
      case ApiKey.OffsetFetch:
        return this.offsetFetch(r);
      case ApiKey.DescribeGroups:
        return this.describeGroups(r);
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

  // ApiVersions v0-2: error_code [api_key min_version max_version] (v1+: throttle_time_ms)
  private apiVersions(version: number, error: number): Writer {
    const w = new Writer().int16(error).array([...VERSIONS], (w, [key, [min, max]]) => {
      w.int16(key).int16(min).int16(max);
    });
    if (version >= 1) w.int32(0);
    return w;
  }

  // Metadata v1-5: request [topics] (v4+: allow_auto_topic_creation); response (v3+: throttle) [brokers]
  // (v2+: cluster_id) controller_id [topic_metadata] with (v5+) offline_replicas per partition.
  private metadata(r: Reader, version: number): Writer {
    const requested = r.nullableArray((r) => r.string());
    const allowAuto = version >= 4 ? r.bool() : true;
    const names = requested ?? [...this.storage.topics.keys()].sort();
    const w = new Writer();
    if (version >= 3) w.int32(0);
    w.array([NODE_ID], (w, id) => {
      w.int32(id).string(this.host).int32(this.port).nullableString(null);
    });
    if (version >= 2) w.nullableString(CLUSTER_ID);
    w.int32(NODE_ID);
    w.array(names, (w, name) => {
      let logs = this.storage.topics.get(name);
      let error: number = ErrorCode.NONE;
      if (!logs) {
        if (!isLegalTopicName(name)) error = ErrorCode.INVALID_TOPIC_EXCEPTION;
        else if (this.autoCreate && allowAuto)
          logs = this.storage.createTopic(name, this.defaultPartitions);
        else error = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
      }
      w.int16(error).string(name).bool(false);
      w.array(
        (logs ?? []).map((_, p) => p),
        (w, p) => {
          w.int16(ErrorCode.NONE)
            .int32(p)
            .int32(NODE_ID)
            .int32Array([NODE_ID])
            .int32Array([NODE_ID]);
          if (version >= 5) w.int32Array([]);
        },
      );
    });
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
    return new Writer()
      .array(results, (w, t) => {
        w.string(t.name).array(t.partitions, (w, p) => {
          w.int32(p.partition).int16(p.error).int64(p.baseOffset).int64(-1);
        });
      })
      .int32(0);
  }

  // Fetch v4: answers as soon as min_bytes are available, or when max_wait_ms has passed (long poll).
  private async fetch(r: Reader): Promise<Writer> {
    r.int32(); // replica_id
    const maxWait = r.int32();
    const minBytes = r.int32();
    const maxBytes = r.int32();
    r.int8(); // isolation_level: there are no transactions, so last stable offset = high watermark
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({
        partition: r.int32(),
        offset: r.int64n(),
        maxBytes: r.int32(),
      })),
    }));
    const collect = (): { body: Writer; bytes: number; error: boolean } => {
      let total = 0;
      let error = false;
      const body = new Writer().int32(0).array(topics, (w, t) => {
        w.string(t.name).array(t.partitions, (w, p) => {
          const log = this.storage.partition(t.name, p.partition);
          if (!log) {
            error = true;
            w.int32(p.partition)
              .int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION)
              .int64(-1)
              .int64(-1)
              .int32(0)
              .int32(0);
            return;
          }
          if (p.offset > log.nextOffset || p.offset < log.logStartOffset) {
            error = true;
            w.int32(p.partition)
              .int16(ErrorCode.OFFSET_OUT_OF_RANGE)
              .int64(log.nextOffset)
              .int64(log.nextOffset)
              .int32(0)
              .int32(0);
            return;
          }
          const budget = Math.min(p.maxBytes, Math.max(0, maxBytes - total));
          const batches = p.offset < log.nextOffset ? log.read(p.offset, budget, total === 0) : [];
          const size = batches.reduce((n, b) => n + b.length, 0);
          total += size;
          w.int32(p.partition)
            .int16(ErrorCode.NONE)
            .int64(log.nextOffset)
            .int64(log.nextOffset)
            .int32(0);
          w.int32(size);
          for (const b of batches) w.raw(b);
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

  // ListOffsets v2: timestamp -1 = log end offset (latest), -2 = log start offset (earliest).
  private listOffsets(r: Reader): Writer {
    r.int32(); // replica_id
    r.int8(); // isolation_level
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({ partition: r.int32(), timestamp: r.int64n() })),
    }));
    return new Writer().int32(0).array(topics, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        const log = this.storage.partition(t.name, p.partition);
        if (!log) {
          w.int32(p.partition).int16(ErrorCode.UNKNOWN_TOPIC_OR_PARTITION).int64(-1).int64(-1);
          return;
        }
        const offset =
          p.timestamp === -1
            ? log.nextOffset
            : p.timestamp === -2
              ? log.logStartOffset
              : log.offsetForTimestamp(p.timestamp);
        w.int32(p.partition).int16(ErrorCode.NONE).int64(-1).int64(offset);
      });
    });
  }

  // FindCoordinator v1: this broker coordinates every group (and would every transactional id).
  private findCoordinator(r: Reader): Writer {
    r.string(); // coordinator_key
    r.int8(); // coordinator_type
    return new Writer()
      .int32(0)
      .int16(ErrorCode.NONE)
      .nullableString(null)
      .int32(NODE_ID)
      .string(this.host)
      .int32(this.port);
  }

  // JoinGroup v2: parks until the rebalance completes, then answers every member (the leader gets the list).
  private async joinGroup(r: Reader, ctx: RequestContext): Promise<Writer> {
    const groupId = r.string();
    const sessionTimeoutMs = r.int32();
    const rebalanceTimeoutMs = r.int32();
    const memberId = r.string();
    const protocolType = r.string();
    const protocols = r.array((r) => ({
      name: r.string(),
      metadata: Buffer.from(r.bytes() ?? Buffer.alloc(0)),
    }));
    const res = await this.groups.join({
      groupId,
      memberId,
      clientId: ctx.clientId,
      clientHost: `/${ctx.socket.remoteAddress ?? this.host}`,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocolType,
      protocols,
    });
    return new Writer()
      .int32(0)
      .int16(res.error)
      .int32(res.generationId)
      .string(res.protocol)
      .string(res.leaderId)
      .string(res.memberId)
      .array(res.members, (w, m) => {
        w.string(m.memberId).bytes(m.metadata);
      });
  }

  private async syncGroup(r: Reader): Promise<Writer> {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    const assignments = r.array((r) => ({
      memberId: r.string(),
      assignment: Buffer.from(r.bytes() ?? Buffer.alloc(0)),
    }));
    const res = await this.groups.sync(groupId, generationId, memberId, assignments);
    return new Writer().int32(0).int16(res.error).bytes(res.assignment);
  }

  private heartbeat(r: Reader): Writer {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    return new Writer().int32(0).int16(this.groups.heartbeat(groupId, generationId, memberId));
  }

  private leaveGroup(r: Reader): Writer {
    const groupId = r.string();
    const memberId = r.string();
    return new Writer().int32(0).int16(this.groups.leave(groupId, memberId));
  }

  // OffsetCommit v2: response [topics [partition error_code]] (no throttle time in v2).
  private offsetCommit(r: Reader): Writer {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    r.int64(); // retention_time: committed offsets are kept for ever
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => ({
        partition: r.int32(),
        offset: r.int64n(),
        metadata: r.nullableString(),
      })),
    }));
    const allowed = this.groups.canCommit(groupId, generationId, memberId);
    const accepted: {
      topic: string;
      partition: number;
      offset: number;
      metadata: string | null;
    }[] = [];
    const results = topics.map((t) => ({
      name: t.name,
      partitions: t.partitions.map((p) => {
        let error: number = allowed;
        if (error === ErrorCode.NONE && !this.storage.partition(t.name, p.partition))
          error = ErrorCode.UNKNOWN_TOPIC_OR_PARTITION;
        if (error === ErrorCode.NONE)
          accepted.push({
            topic: t.name,
            partition: p.partition,
            offset: p.offset,
            metadata: p.metadata,
          });
        return { partition: p.partition, error };
      }),
    }));
    if (accepted.length > 0) this.storage.commitOffsets(groupId, accepted);
    return new Writer().array(results, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        w.int32(p.partition).int16(p.error);
      });
    });
  }

  // OffsetFetch v3: null topics = every committed offset of the group; offset -1 = nothing committed.
  private offsetFetch(r: Reader): Writer {
    const groupId = r.string();
    const topics = r.nullableArray((r) => ({
      name: r.string(),
      partitions: r.array((r) => r.int32()),
    }));
    const committed = this.storage.committed(groupId);
    const wanted =
      topics ??
      Object.entries(committed).map(([name, parts]) => ({
        name,
        partitions: Object.keys(parts).map(Number),
      }));
    return new Writer()
      .int32(0)
      .array(wanted, (w, t) => {
        w.string(t.name).array(t.partitions, (w, p) => {
          const c = committed[t.name]?.[String(p)];
          w.int32(p)
            .int64(c?.offset ?? -1)
            .nullableString(c?.metadata ?? '')
            .int16(ErrorCode.NONE);
        });
      })
      .int16(ErrorCode.NONE);
  }

  private describeGroups(r: Reader): Writer {
    const ids = r.array((r) => r.string());
    return new Writer().int32(0).array(ids, (w, id) => {
      const g = this.groups.describe(id);
      w.int16(ErrorCode.NONE).string(id).string(g.state).string(g.protocolType).string(g.protocol);
      w.array(g.members, (w, m) => {
        w.string(m.memberId)
          .string(m.clientId)
          .string(m.clientHost)
          .bytes(m.metadata)
          .bytes(m.assignment);
      });
    });
  }

  // CreateTopics v2. A single node holds one replica, so a replication factor above 1 is refused as Kafka would.
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

  private deleteTopics(r: Reader): Writer {
    const names = r.array((r) => r.string());
    r.int32(); // timeout
    return new Writer().int32(0).array(names, (w, name) => {
      const exists = this.storage.topics.has(name);
      if (exists) this.storage.deleteTopic(name);
      w.string(name).int16(exists ? ErrorCode.NONE : ErrorCode.UNKNOWN_TOPIC_OR_PARTITION);
    });
  }

  // InitProducerId v0: a fresh producer id (epoch 0) per call; ids are never reused, even after a restart.
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
