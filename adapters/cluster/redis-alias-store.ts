// The cluster alias store: accepted aliases in Redis, shared by every gateway process. One script
// keeps each (code, alias) once, in a hash of the entries and a list of their order, atomically.
import type { Redis } from 'ioredis';
import type { AcceptedAlias, AliasStore } from '../../src/ports/alias-store.js';

// KEYS[1] entries hash, KEYS[2] order list; ARGV[1] field, ARGV[2] entry JSON → 1 when new
const acceptScript = `
if redis.call('HSETNX', KEYS[1], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('RPUSH', KEYS[2], ARGV[1])
return 1
`;

export class RedisAliasStore implements AliasStore {
  private readonly entries: string;
  private readonly order: string;

  constructor(
    private readonly redis: Redis,
    options: { prefix?: string } = {},
  ) {
    const p = `${options.prefix ?? 'hotline:'}aliases:`;
    this.entries = `${p}entries`;
    this.order = `${p}order`;
  }

  async accept(a: AcceptedAlias): Promise<boolean> {
    // JSON of the pair: no alias text can make two pairs one field.
    const field = JSON.stringify([a.code, a.alias]);
    const added = await this.redis.eval(
      acceptScript,
      2,
      this.entries,
      this.order,
      field,
      JSON.stringify(a),
    );
    return added === 1;
  }

  async list(): Promise<AcceptedAlias[]> {
    const fields = await this.redis.lrange(this.order, 0, -1);
    if (fields.length === 0) return [];
    const values = await this.redis.hmget(this.entries, ...fields);
    return values.flatMap((v) => (v === null ? [] : [JSON.parse(v) as AcceptedAlias]));
  }

  close(): Promise<void> {
    // The connection is the cluster's own; it closes it.
    return Promise.resolve();
  }
}
