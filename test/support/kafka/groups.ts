// TEST EQUIPMENT ONLY: part of the single-node Kafka test broker used by the test suites. It is not a
// Kafka implementation for production; production runs Apache Kafka (see deploy/).
//
// The group coordinator: membership, generations and the join/sync protocol of Kafka's classic consumer
// groups. The broker never computes an assignment: the leader member (kafkajs, with its range or
// round-robin assigner) does, and the coordinator relays each member's share. A rebalance starts when a
// member joins, leaves or misses its session timeout; it completes when every known member has rejoined or
// the rebalance timeout has passed (members that did not rejoin are dropped).
import { randomUUID } from 'node:crypto';
import { ErrorCode } from './protocol.js';

export type GroupState = 'Empty' | 'PreparingRebalance' | 'CompletingRebalance' | 'Stable';

export interface JoinResult {
  error: number;
  generationId: number;
  protocol: string;
  leaderId: string;
  memberId: string;
  members: { memberId: string; metadata: Buffer }[];
}

export interface JoinRequest {
  groupId: string;
  memberId: string;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocolType: string;
  protocols: { name: string; metadata: Buffer }[];
}

interface Member {
  id: string;
  clientId: string;
  clientHost: string;
  sessionTimeoutMs: number;
  rebalanceTimeoutMs: number;
  protocols: { name: string; metadata: Buffer }[];
  assignment: Buffer;
  lastSeen: number;
  pendingJoin: ((r: JoinResult) => void) | null;
  pendingSync: ((r: { error: number; assignment: Buffer }) => void) | null;
}

interface Group {
  id: string;
  state: GroupState;
  generation: number;
  protocolType: string | null;
  protocol: string | null;
  leaderId: string | null;
  members: Map<string, Member>;
  rebalanceTimer: NodeJS.Timeout | null;
  /** A rebalance of a group that was empty does not complete before this time (the initial delay). */
  joinNotBefore: number;
}

export interface GroupDescription {
  state: GroupState | 'Dead';
  protocolType: string;
  protocol: string;
  members: {
    memberId: string;
    clientId: string;
    clientHost: string;
    metadata: Buffer;
    assignment: Buffer;
  }[];
}

const EMPTY = Buffer.alloc(0);

export class GroupCoordinator {
  private readonly groups = new Map<string, Group>();
  private readonly sweeper: NodeJS.Timeout;

  constructor(private readonly options: { initialRebalanceDelayMs: number }) {
    this.sweeper = setInterval(() => {
      this.expireSessions();
    }, 100);
    this.sweeper.unref();
  }

  private group(id: string): Group {
    let g = this.groups.get(id);
    if (!g) {
      g = {
        id,
        state: 'Empty',
        generation: 0,
        protocolType: null,
        protocol: null,
        leaderId: null,
        members: new Map(),
        rebalanceTimer: null,
        joinNotBefore: 0,
      };
      this.groups.set(id, g);
    }
    return g;
  }

  join(req: JoinRequest): Promise<JoinResult> {
    const fail = (error: number): Promise<JoinResult> =>
      Promise.resolve({
        error,
        generationId: -1,
        protocol: '',
        leaderId: '',
        memberId: req.memberId,
        members: [],
      });
    if (req.groupId === '') return fail(ErrorCode.INVALID_GROUP_ID);
    const g = this.group(req.groupId);
    if (req.protocols.length === 0) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    if (g.members.size > 0) {
      if (g.protocolType !== req.protocolType) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
      const names = new Set(req.protocols.map((p) => p.name));
      const common = [...g.members.values()].every(
        (m) => m.id === req.memberId || m.protocols.some((p) => names.has(p.name)),
      );
      if (!common) return fail(ErrorCode.INCONSISTENT_GROUP_PROTOCOL);
    }
    let member: Member | undefined;
    if (req.memberId === '') {
      member = {
        id: `${req.clientId || 'member'}-${randomUUID()}`,
        clientId: req.clientId,
        clientHost: req.clientHost,
        sessionTimeoutMs: req.sessionTimeoutMs,
        rebalanceTimeoutMs: req.rebalanceTimeoutMs,
        protocols: req.protocols,
        assignment: EMPTY,
        lastSeen: Date.now(),
        pendingJoin: null,
        pendingSync: null,
      };
      g.members.set(member.id, member);
    } else {
      member = g.members.get(req.memberId);
      if (!member) return fail(ErrorCode.UNKNOWN_MEMBER_ID);
      member.protocols = req.protocols;
      member.sessionTimeoutMs = req.sessionTimeoutMs;
      member.rebalanceTimeoutMs = req.rebalanceTimeoutMs;
      member.lastSeen = Date.now();
      // A join from a member that is already parked replaces the old request, which gets an error.
      member.pendingJoin?.({
        error: ErrorCode.REBALANCE_IN_PROGRESS,
        generationId: -1,
        protocol: '',
        leaderId: '',
        memberId: member.id,
        members: [],
      });
    }
    g.protocolType = req.protocolType;
    const joined = member;
    return new Promise<JoinResult>((resolve) => {
      joined.pendingJoin = resolve;
      if (g.state !== 'PreparingRebalance') this.prepareRebalance(g);
      this.tryCompleteJoin(g);
    });
  }

  private prepareRebalance(g: Group): void {
    if (g.state === 'CompletingRebalance') {
      for (const m of g.members.values()) {
        m.pendingSync?.({ error: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
        m.pendingSync = null;
      }
    }
    const wasEmpty = g.state === 'Empty';
    g.state = 'PreparingRebalance';
    g.joinNotBefore = wasEmpty ? Date.now() + this.options.initialRebalanceDelayMs : 0;
    if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
    // A fresh group waits the initial delay so that consumers starting together land in one generation; an
    // existing group waits at most the longest rebalance timeout for the known members to rejoin.
    const wait = wasEmpty
      ? this.options.initialRebalanceDelayMs
      : Math.max(0, ...[...g.members.values()].map((m) => m.rebalanceTimeoutMs));
    g.rebalanceTimer = setTimeout(() => {
      g.rebalanceTimer = null;
      if (g.state !== 'PreparingRebalance') return;
      for (const m of [...g.members.values()]) if (!m.pendingJoin) this.removeMember(g, m);
      this.completeJoin(g);
    }, wait);
    g.rebalanceTimer.unref();
  }

  private tryCompleteJoin(g: Group): void {
    if (g.state !== 'PreparingRebalance') return;
    if (Date.now() < g.joinNotBefore) return;
    if ([...g.members.values()].every((m) => m.pendingJoin)) this.completeJoin(g);
  }

  private completeJoin(g: Group): void {
    if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
    g.rebalanceTimer = null;
    g.generation += 1;
    const members = [...g.members.values()];
    if (members.length === 0) {
      g.state = 'Empty';
      g.protocol = null;
      g.leaderId = null;
      return;
    }
    // The protocol every member supports that gets most first-choice votes (Kafka's selectProtocol).
    const candidates = members[0]!.protocols
      .map((p) => p.name)
      .filter((name) => members.every((m) => m.protocols.some((p) => p.name === name)));
    const votes = new Map<string, number>();
    for (const m of members) {
      const choice = m.protocols.find((p) => candidates.includes(p.name));
      if (choice) votes.set(choice.name, (votes.get(choice.name) ?? 0) + 1);
    }
    g.protocol = [...votes].sort((a, b) => b[1] - a[1])[0]?.[0] ?? candidates[0] ?? '';
    if (!g.leaderId || !g.members.has(g.leaderId)) g.leaderId = members[0]!.id;
    g.state = 'CompletingRebalance';
    const now = Date.now();
    const protocol = g.protocol;
    const all = members.map((m) => ({
      memberId: m.id,
      metadata: m.protocols.find((p) => p.name === protocol)?.metadata ?? EMPTY,
    }));
    for (const m of members) {
      m.assignment = EMPTY;
      m.lastSeen = now;
      const reply = m.pendingJoin;
      m.pendingJoin = null;
      reply?.({
        error: ErrorCode.NONE,
        generationId: g.generation,
        protocol,
        leaderId: g.leaderId,
        memberId: m.id,
        members: m.id === g.leaderId ? all : [],
      });
    }
  }

  private removeMember(g: Group, m: Member): void {
    g.members.delete(m.id);
    m.pendingJoin?.({
      error: ErrorCode.UNKNOWN_MEMBER_ID,
      generationId: -1,
      protocol: '',
      leaderId: '',
      memberId: m.id,
      members: [],
    });
    m.pendingSync?.({ error: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    m.pendingJoin = null;
    m.pendingSync = null;
  }

  /** Removes a member that left or died, and rebalances the rest. */
  private memberGone(g: Group, m: Member): void {
    this.removeMember(g, m);
    if (g.state === 'PreparingRebalance') {
      if (g.members.size === 0) this.completeJoin(g);
      else this.tryCompleteJoin(g);
    } else if (g.members.size === 0) {
      g.generation += 1;
      g.state = 'Empty';
      g.protocol = null;
      g.leaderId = null;
    } else {
      this.prepareRebalance(g);
      this.tryCompleteJoin(g);
    }
  }

  sync(
    groupId: string,
    generationId: number,
    memberId: string,
    assignments: { memberId: string; assignment: Buffer }[],
  ): Promise<{ error: number; assignment: Buffer }> {
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return Promise.resolve({ error: ErrorCode.UNKNOWN_MEMBER_ID, assignment: EMPTY });
    if (generationId !== g.generation)
      return Promise.resolve({ error: ErrorCode.ILLEGAL_GENERATION, assignment: EMPTY });
    m.lastSeen = Date.now();
    if (g.state === 'PreparingRebalance' || g.state === 'Empty')
      return Promise.resolve({ error: ErrorCode.REBALANCE_IN_PROGRESS, assignment: EMPTY });
    if (g.state === 'Stable')
      return Promise.resolve({ error: ErrorCode.NONE, assignment: m.assignment });
    return new Promise((resolve) => {
      m.pendingSync = resolve;
      if (memberId !== g.leaderId) return;
      const given = new Map(assignments.map((a) => [a.memberId, a.assignment]));
      for (const member of g.members.values()) member.assignment = given.get(member.id) ?? EMPTY;
      g.state = 'Stable';
      for (const member of g.members.values()) {
        const reply = member.pendingSync;
        member.pendingSync = null;
        reply?.({ error: ErrorCode.NONE, assignment: member.assignment });
      }
    });
  }

  heartbeat(groupId: string, generationId: number, memberId: string): number {
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return ErrorCode.UNKNOWN_MEMBER_ID;
    m.lastSeen = Date.now();
    if (g.state === 'PreparingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    if (generationId !== g.generation) return ErrorCode.ILLEGAL_GENERATION;
    return ErrorCode.NONE;
  }

  leave(groupId: string, memberId: string): number {
    const g = this.groups.get(groupId);
    const m = g?.members.get(memberId);
    if (!g || !m) return ErrorCode.UNKNOWN_MEMBER_ID;
    this.memberGone(g, m);
    return ErrorCode.NONE;
  }

  /** Whether a member may commit offsets now (Kafka's rules); generation -1 with no member is a standalone commit. */
  canCommit(groupId: string, generationId: number, memberId: string): number {
    const g = this.groups.get(groupId);
    if (generationId < 0 && memberId === '')
      return g && g.members.size > 0 ? ErrorCode.UNKNOWN_MEMBER_ID : ErrorCode.NONE;
    const m = g?.members.get(memberId);
    if (!g || !m) return ErrorCode.UNKNOWN_MEMBER_ID;
    if (generationId !== g.generation) return ErrorCode.ILLEGAL_GENERATION;
    if (g.state === 'CompletingRebalance') return ErrorCode.REBALANCE_IN_PROGRESS;
    m.lastSeen = Date.now();
    return ErrorCode.NONE;
  }

  describe(groupId: string): GroupDescription {
    const g = this.groups.get(groupId);
    if (!g) return { state: 'Dead', protocolType: '', protocol: '', members: [] };
    const stable = g.state === 'Stable';
    return {
      state: g.state,
      protocolType: g.protocolType ?? '',
      protocol: stable ? (g.protocol ?? '') : '',
      members: stable
        ? [...g.members.values()].map((m) => ({
            memberId: m.id,
            clientId: m.clientId,
            clientHost: m.clientHost,
            metadata: m.protocols.find((p) => p.name === g.protocol)?.metadata ?? EMPTY,
            assignment: m.assignment,
          }))
        : [],
    };
  }

  /** Members that sent nothing within their session timeout are removed (unless parked in a join). */
  private expireSessions(): void {
    const now = Date.now();
    for (const g of this.groups.values()) {
      for (const m of [...g.members.values()]) {
        if (!m.pendingJoin && now - m.lastSeen > m.sessionTimeoutMs) this.memberGone(g, m);
      }
    }
  }

  close(): void {
    clearInterval(this.sweeper);
    for (const g of this.groups.values()) if (g.rebalanceTimer) clearTimeout(g.rebalanceTimer);
    this.groups.clear();
  }
}
