// TEST EQUIPMENT ONLY: part of the single-node Kafka test broker used by the test suites. It is not a
// Kafka implementation for production; production runs Apache Kafka (see deploy/).
//
// The wire side of the consumer-group APIs (FindCoordinator, JoinGroup, SyncGroup, Heartbeat, LeaveGroup,
// OffsetCommit, OffsetFetch, DescribeGroups) in every version the broker serves (versions.ts): each
// handler reads and writes the fields of the request's version and leaves the protocol to groups.ts.
// Static membership (group_instance_id, v5/v3+) is read and ignored: every member is a dynamic one.
import type { GroupCoordinator } from './groups.js';
import { ErrorCode, Writer, type Reader } from './protocol.js';
import type { Storage } from './storage.js';

export interface GroupApiContext {
  version: number;
  clientId: string;
  clientHost: string;
}

export interface Coordinator {
  nodeId: number;
  host: string;
  port: number;
}

export class GroupApis {
  constructor(
    private readonly groups: GroupCoordinator,
    private readonly storage: Storage,
    private readonly self: () => Coordinator,
  ) {}

  /** A response writer in the request's encoding, starting with throttle_time_ms from `throttleFrom` on. */
  private answer(r: Reader, version: number, throttleFrom: number): Writer {
    const w = new Writer(r.flexible);
    if (version >= throttleFrom) w.int32(0);
    return w;
  }

  // FindCoordinator v0-2: this broker coordinates every group (and would every transactional id).
  findCoordinator(r: Reader, version: number): Writer {
    r.string(); // key
    if (version >= 1) r.int8(); // key_type
    const w = this.answer(r, version, 1).int16(ErrorCode.NONE);
    if (version >= 1) w.nullableString(null);
    const { nodeId, host, port } = this.self();
    return w.int32(nodeId).string(host).int32(port);
  }

  // JoinGroup v0-5: parks until the rebalance completes, then answers every member (the leader gets the
  // list). v0 has no rebalance timeout: the session timeout stands for it, as in Kafka.
  async joinGroup(r: Reader, ctx: GroupApiContext): Promise<Writer> {
    const { version } = ctx;
    const groupId = r.string();
    const sessionTimeoutMs = r.int32();
    const rebalanceTimeoutMs = version >= 1 ? r.int32() : sessionTimeoutMs;
    const memberId = r.string();
    if (version >= 5) r.nullableString(); // group_instance_id
    const protocolType = r.string();
    const protocols = r.array((r) => ({
      name: r.string(),
      metadata: Buffer.from(r.bytes() ?? Buffer.alloc(0)),
    }));
    const res = await this.groups.join({
      groupId,
      memberId,
      clientId: ctx.clientId,
      clientHost: ctx.clientHost,
      sessionTimeoutMs,
      rebalanceTimeoutMs,
      protocolType,
      protocols,
    });
    return this.answer(r, version, 2)
      .int16(res.error)
      .int32(res.generationId)
      .string(res.protocol)
      .string(res.leaderId)
      .string(res.memberId)
      .array(res.members, (w, m) => {
        w.string(m.memberId);
        if (version >= 5) w.nullableString(null);
        w.bytes(m.metadata);
      });
  }

  // SyncGroup v0-3: the leader's assignment is relayed to every member.
  async syncGroup(r: Reader, version: number): Promise<Writer> {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (version >= 3) r.nullableString(); // group_instance_id
    const assignments = r.array((r) => ({
      memberId: r.string(),
      assignment: Buffer.from(r.bytes() ?? Buffer.alloc(0)),
    }));
    const res = await this.groups.sync(groupId, generationId, memberId, assignments);
    return this.answer(r, version, 1).int16(res.error).bytes(res.assignment);
  }

  heartbeat(r: Reader, version: number): Writer {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (version >= 3) r.nullableString(); // group_instance_id
    return this.answer(r, version, 1).int16(this.groups.heartbeat(groupId, generationId, memberId));
  }

  // LeaveGroup v0-2: one member; v3+: a batch of members, each answered.
  leaveGroup(r: Reader, version: number): Writer {
    const groupId = r.string();
    if (version < 3) {
      const memberId = r.string();
      return this.answer(r, version, 1).int16(this.groups.leave(groupId, memberId));
    }
    const members = r.array((r) => ({ memberId: r.string(), instanceId: r.nullableString() }));
    const results = members.map((m) => ({ ...m, error: this.groups.leave(groupId, m.memberId) }));
    return this.answer(r, version, 1)
      .int16(ErrorCode.NONE)
      .array(results, (w, m) => {
        w.string(m.memberId).nullableString(m.instanceId).int16(m.error);
      });
  }

  // OffsetCommit v2-7: retention_time in v2-4 (ignored: committed offsets are kept for ever), the
  // committed leader epoch from v6, group_instance_id from v7; throttle_time_ms in the response from v3.
  offsetCommit(r: Reader, version: number): Writer {
    const groupId = r.string();
    const generationId = r.int32();
    const memberId = r.string();
    if (version >= 7) r.nullableString(); // group_instance_id
    if (version <= 4) r.int64(); // retention_time_ms
    const topics = r.array((r) => ({
      name: r.string(),
      partitions: r.array((r) => {
        const partition = r.int32();
        const offset = r.int64n();
        if (version >= 6) r.int32(); // committed_leader_epoch
        return { partition, offset, metadata: r.nullableString() };
      }),
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
    return this.answer(r, version, 3).array(results, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        w.int32(p.partition).int16(p.error);
      });
    });
  }

  // OffsetFetch v1-5: null topics (v2+) = every committed offset of the group; offset -1 = nothing
  // committed; a top-level error code from v2, throttle_time_ms from v3, the leader epoch (-1) from v5.
  offsetFetch(r: Reader, version: number): Writer {
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
    const w = this.answer(r, version, 3).array(wanted, (w, t) => {
      w.string(t.name).array(t.partitions, (w, p) => {
        const c = committed[t.name]?.[String(p)];
        w.int32(p).int64(c?.offset ?? -1);
        if (version >= 5) w.int32(-1);
        w.nullableString(c?.metadata ?? '').int16(ErrorCode.NONE);
      });
    });
    if (version >= 2) w.int16(ErrorCode.NONE);
    return w;
  }

  // DescribeGroups v0-4: authorized operations asked for in v3+ are not known (-2^31, as Kafka says when
  // not requested); group_instance_id of members from v4 is always null (no static membership).
  describeGroups(r: Reader, version: number): Writer {
    const ids = r.array((r) => r.string());
    if (version >= 3) r.bool(); // include_authorized_operations
    return this.answer(r, version, 1).array(ids, (w, id) => {
      const g = this.groups.describe(id);
      w.int16(ErrorCode.NONE).string(id).string(g.state).string(g.protocolType).string(g.protocol);
      w.array(g.members, (w, m) => {
        w.string(m.memberId);
        if (version >= 4) w.nullableString(null);
        w.string(m.clientId).string(m.clientHost).bytes(m.metadata).bytes(m.assignment);
      });
      if (version >= 3) w.int32(-2147483648);
    });
  }
}
