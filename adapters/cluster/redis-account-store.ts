// The cluster account store: accounts, sessions and failed-login counters in Redis, so a person logged
// in through one gateway process is logged in on all of them, and lockouts count every process's
// failures. Multi-step changes are single Lua scripts (atomic). Redis TTLs only clean up: the expiry
// policy is decided in src/usecases/accounts/ on the injected clock.
import type { Redis } from 'ioredis';
import type { AccountRole } from '../../contracts/accounts.js';
import type {
  AccountStore,
  FailureCount,
  FailurePolicy,
  StoredAccount,
  StoredSession,
} from '../../src/ports/account-store.js';

// KEYS[1] account hash; ARGV: field, value, … → 1 when it existed and was updated
const updateIfExists = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('HSET', KEYS[1], unpack(ARGV))
return 1
`;

// KEYS[1] session hash; ARGV[1] at
const touch = `
local seen = tonumber(redis.call('HGET', KEYS[1], 'lastSeenAt') or '-1')
if seen < 0 then return 0 end
if tonumber(ARGV[1]) > seen then redis.call('HSET', KEYS[1], 'lastSeenAt', ARGV[1]) end
return 1
`;

// KEYS[1] the account's session set; ARGV[1] session key prefix → sessions ended
const endAll = `
local ids = redis.call('SMEMBERS', KEYS[1])
local n = 0
for _, id in ipairs(ids) do n = n + redis.call('DEL', ARGV[1] .. id) end
redis.call('DEL', KEYS[1])
return n
`;

// KEYS[1] counter hash; ARGV: now, limit, windowMs, lockMs → count, windowEndsAt, lockedUntil (-1: none)
const fail = `
local now, limit, windowMs, lockMs = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
local f = redis.call('HMGET', KEYS[1], 'count', 'windowEndsAt', 'lockedUntil')
local count, ends, locked = tonumber(f[1] or '0'), tonumber(f[2] or '0'), tonumber(f[3] or '-1')
if locked <= now then locked = -1 end
if ends <= now then count = 0; ends = now + windowMs end
count = count + 1
if locked < 0 and count >= limit then locked = now + lockMs end
redis.call('HSET', KEYS[1], 'count', count, 'windowEndsAt', ends, 'lockedUntil', locked)
redis.call('PEXPIRE', KEYS[1], math.max(ends, locked) - now + 1000)
return {count, ends, locked}
`;

const toAccount = (h: Record<string, string>): StoredAccount | null => {
  if (!h.id) return null;
  return {
    id: h.id,
    name: h.name ?? '',
    role: h.role as AccountRole,
    ...(h.stationId ? { stationId: h.stationId } : {}),
    ...(h.scope ? { scope: h.scope } : {}),
    passwordHash: h.passwordHash ?? '',
    disabled: h.disabled === '1',
    demo: h.demo === '1',
    createdAt: h.createdAt ?? '',
    updatedAt: h.updatedAt ?? '',
  };
};

export class RedisAccountStore implements AccountStore {
  private readonly p: string;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string } = {},
  ) {
    this.p = `${options.prefix ?? 'hotline:'}accounts:`;
  }

  private key = {
    account: (id: string) => `${this.p}a:${id}`,
    all: () => `${this.p}all`,
    session: (idHash: string) => `${this.p}s:${idHash}`,
    sessionsOf: (accountId: string) => `${this.p}as:${accountId}`,
    failure: (key: string) => `${this.p}f:${key}`,
  };

  async createAccount(a: StoredAccount): Promise<boolean> {
    const claimed = await this.redis.hsetnx(this.key.account(a.id), 'id', a.id);
    if (claimed === 0) return false;
    await this.redis
      .multi()
      .hset(this.key.account(a.id), {
        name: a.name,
        role: a.role,
        stationId: a.stationId ?? '',
        scope: a.scope ?? '',
        passwordHash: a.passwordHash,
        disabled: a.disabled ? '1' : '0',
        demo: a.demo ? '1' : '0',
        createdAt: a.createdAt,
        updatedAt: a.updatedAt,
      })
      .sadd(this.key.all(), a.id)
      .exec();
    return true;
  }

  async account(id: string): Promise<StoredAccount | null> {
    const h = await this.redis.hgetall(this.key.account(id));
    // A half-written account (id claimed, fields not yet set) is not an account yet.
    return h.passwordHash ? toAccount(h) : null;
  }

  async accounts(): Promise<StoredAccount[]> {
    const ids = (await this.redis.smembers(this.key.all())).sort();
    const all = await Promise.all(ids.map((id) => this.account(id)));
    return all.filter((a): a is StoredAccount => a !== null);
  }

  async updateAccount(
    id: string,
    patch: Partial<Pick<StoredAccount, 'disabled' | 'passwordHash' | 'name'>> & {
      updatedAt: string;
    },
  ): Promise<StoredAccount | null> {
    const fields: string[] = ['updatedAt', patch.updatedAt];
    if (patch.name !== undefined) fields.push('name', patch.name);
    if (patch.passwordHash !== undefined) fields.push('passwordHash', patch.passwordHash);
    if (patch.disabled !== undefined) fields.push('disabled', patch.disabled ? '1' : '0');
    const done = (await this.redis.eval(
      updateIfExists,
      1,
      this.key.account(id),
      ...fields,
    )) as number;
    return done === 1 ? this.account(id) : null;
  }

  async createSession(s: StoredSession): Promise<void> {
    const ttl = Math.max(1000, s.expiresAt - s.createdAt);
    await this.redis
      .multi()
      .hset(this.key.session(s.idHash), {
        accountId: s.accountId,
        csrfToken: s.csrfToken,
        createdAt: String(s.createdAt),
        lastSeenAt: String(s.lastSeenAt),
        expiresAt: String(s.expiresAt),
      })
      .pexpire(this.key.session(s.idHash), ttl)
      .sadd(this.key.sessionsOf(s.accountId), s.idHash)
      .pexpire(this.key.sessionsOf(s.accountId), ttl)
      .exec();
  }

  async session(idHash: string): Promise<StoredSession | null> {
    const h = await this.redis.hgetall(this.key.session(idHash));
    if (!h.accountId) return null;
    return {
      idHash,
      accountId: h.accountId,
      csrfToken: h.csrfToken ?? '',
      createdAt: Number(h.createdAt),
      lastSeenAt: Number(h.lastSeenAt),
      expiresAt: Number(h.expiresAt),
    };
  }

  async touchSession(idHash: string, at: number): Promise<void> {
    await this.redis.eval(touch, 1, this.key.session(idHash), at);
  }

  async deleteSession(idHash: string): Promise<void> {
    const accountId = await this.redis.hget(this.key.session(idHash), 'accountId');
    const tx = this.redis.multi().del(this.key.session(idHash));
    if (accountId) tx.srem(this.key.sessionsOf(accountId), idHash);
    await tx.exec();
  }

  async deleteSessions(accountId: string): Promise<number> {
    return (await this.redis.eval(
      endAll,
      1,
      this.key.sessionsOf(accountId),
      this.key.session(''),
    )) as number;
  }

  async failures(key: string, now: number): Promise<FailureCount | null> {
    const [count, ends, locked] = await this.redis.hmget(
      this.key.failure(key),
      'count',
      'windowEndsAt',
      'lockedUntil',
    );
    if (count === null) return null;
    const lockedUntil = Number(locked) > now ? Number(locked) : null;
    if (lockedUntil === null && Number(ends) <= now) return null;
    return { count: Number(count), windowEndsAt: Number(ends), lockedUntil };
  }

  async recordFailure(key: string, now: number, policy: FailurePolicy): Promise<FailureCount> {
    const [count, ends, locked] = (await this.redis.eval(
      fail,
      1,
      this.key.failure(key),
      now,
      policy.limit,
      policy.windowMs,
      policy.lockMs,
    )) as [number, number, number];
    return { count, windowEndsAt: ends, lockedUntil: locked < 0 ? null : locked };
  }

  async clearFailures(key: string): Promise<void> {
    await this.redis.del(this.key.failure(key));
  }

  /** The connection belongs to the caller (cluster wiring shares one). */
  close(): Promise<void> {
    return Promise.resolve();
  }
}
