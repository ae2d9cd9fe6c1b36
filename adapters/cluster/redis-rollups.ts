// The metrics rollups in Redis (cluster mode): counters and duration histograms per
// (period, district, street, station, type, topic) cell, as the embedded store keeps them in SQLite.
// Each order's last contribution is kept and every change applies only the difference, inside the
// same Lua script that commits the order's view (ROLLUP_LUA is spliced into it), so views and
// rollups never disagree and a rebuild is a re-sum.
import type { Redis } from 'ioredis';
import {
  counterNames,
  type Contribution,
  type Counters,
} from '../../src/domain/metrics/contribution.js';
import type { MetricsFilter, MetricsStore } from '../../src/ports/metrics-store.js';

const SEP = '\x1f';
const cellFields = ['period', 'district', 'street', 'station', 'type', 'topic'] as const;

/** Lua: rollup(P, orderId, contributions JSON) replaces the order's contribution by its difference. */
export const ROLLUP_LUA = `
local function rollup(P, id, nextJson)
  local ckey = P..'contrib:'..id
  local prev = redis.call('GET', ckey)
  if prev == nextJson then return end
  local function add(cells, sign)
    for _, c in ipairs(cells) do
      local cell = c.period..'\\31'..c.district..'\\31'..c.street..'\\31'..c.station..'\\31'..c.type..'\\31'..c.topic
      redis.call('SADD', P..'roll:cells:'..c.period, cell)
      -- (a zero is skipped: Lua's -1 * 0 is -0, which HINCRBY refuses, and adding it changes nothing)
      for name, v in pairs(c.counters) do if v ~= 0 then redis.call('HINCRBY', P..'roll:c:'..cell, name, sign * v) end end
      for _, h in ipairs(c.hist) do if h.n ~= 0 then redis.call('HINCRBY', P..'roll:h:'..h.kind..':'..cell, h.bucket, sign * h.n) end end
    end
  end
  if prev then add(cjson.decode(prev), -1) end
  add(cjson.decode(nextJson), 1)
  redis.call('SET', ckey, nextJson)
end
`;

type Cell = Record<(typeof cellFields)[number], string>;
const parseCell = (s: string): Cell =>
  Object.fromEntries(s.split(SEP).map((v, i) => [cellFields[i], v])) as Cell;

export class RedisRollups implements MetricsStore {
  private readonly applyScript: (...args: string[]) => Promise<unknown>;

  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'hotline:',
  ) {
    redis.defineCommand('hg_rollup', {
      numberOfKeys: 0,
      lua: `${ROLLUP_LUA}\nrollup(ARGV[1], ARGV[2], ARGV[3])\nreturn 1`,
    });
    const command = (redis as unknown as Record<string, (...a: string[]) => Promise<unknown>>)
      .hg_rollup;
    if (!command) throw new Error('rollup script not defined');
    this.applyScript = (...args) => command.apply(redis, args);
  }

  /** Replaces an order's contribution on its own (the commit script does the same with the view). */
  async apply(orderId: string, next: Contribution[]): Promise<void> {
    await this.applyScript(this.prefix, orderId, JSON.stringify(next));
  }

  private async cells(f: MetricsFilter): Promise<{ key: string; cell: Cell }[]> {
    const all = await this.redis.smembers(`${this.prefix}roll:cells:${f.period}`);
    return all
      .map((key) => ({ key, cell: parseCell(key) }))
      .filter(
        ({ cell }) =>
          (f.district === undefined || cell.district === f.district) &&
          (f.street === undefined || cell.street === f.street) &&
          (f.station === undefined || cell.station === f.station) &&
          (!f.types || f.types.length === 0 || f.types.includes(cell.type)) &&
          (f.topic === undefined || cell.topic === f.topic),
      );
  }

  async counters(
    filter: MetricsFilter,
    groupBy?: 'district' | 'street' | 'station' | 'type',
  ): Promise<{ group: string; counters: Counters }[]> {
    const cells = await this.cells(filter);
    const values = await Promise.all(
      cells.map(({ key }) => this.redis.hgetall(`${this.prefix}roll:c:${key}`)),
    );
    const groups = new Map<string, Counters>();
    cells.forEach(({ cell }, i) => {
      const group = groupBy ? cell[groupBy] : '';
      const sum = groups.get(group) ?? Object.fromEntries(counterNames.map((c) => [c, 0]));
      for (const [name, v] of Object.entries(values[i] ?? {}))
        sum[name as keyof Counters] = (sum[name as keyof Counters] ?? 0) + Number(v);
      groups.set(group, sum);
    });
    return [...groups].map(([group, counters]) => ({ group, counters }));
  }

  async histogram(filter: MetricsFilter, kind: 'resp' | 'res'): Promise<Map<number, number>> {
    const cells = await this.cells(filter);
    const values = await Promise.all(
      cells.map(({ key }) => this.redis.hgetall(`${this.prefix}roll:h:${kind}:${key}`)),
    );
    const out = new Map<number, number>();
    for (const h of values)
      for (const [bucket, n] of Object.entries(h))
        out.set(Number(bucket), (out.get(Number(bucket)) ?? 0) + Number(n));
    for (const [b, n] of out) if (n <= 0) out.delete(b);
    return out;
  }
}
