// The Lua scripts that make the cluster store's Redis steps atomic. Each runs as one Redis command,
// so a reservation (idempotency + optimistic concurrency + write-ahead intent) or a commit (view,
// indexes, timeline, log position, SLA index) is all or nothing. Keys are derived from a prefix
// (ARGV[1]), so this needs one Redis primary (with replicas/Sentinel), not Redis Cluster.
import type { Redis } from 'ioredis';
import { ROLLUP_LUA } from './redis-rollups.js';

// Reserve a new order: Idempotency-Key first (same body → the earlier order, other body → conflict),
// then (source, externalId). A reservation writes the intent that must reach Kafka before any 202,
// and numbers the order in arrival order (the number travels in the record, so a rebuild keeps it).
// ARGV: prefix, orderId, extKey, idemKey ('' none), bodyHash, eventCount, intent JSON, now ms
const reserveSubmit = `
local P = ARGV[1]
if redis.call('EXISTS', P..'meta:ready') == 0 then return {'not_ready'} end
local idem = ARGV[4]
if idem ~= '' then
  local prior = redis.call('HMGET', P..'idem:'..idem, 'hash', 'order')
  if prior[2] then
    if prior[1] ~= ARGV[5] then return {'key_conflict', prior[2]} end
    return {'existing', prior[2]}
  end
end
local same = redis.call('GET', P..'ext:'..ARGV[3])
if same then
  if idem ~= '' then redis.call('HSET', P..'idem:'..idem, 'hash', ARGV[5], 'order', same) end
  return {'existing', same}
end
redis.call('SET', P..'ext:'..ARGV[3], ARGV[2])
if idem ~= '' then redis.call('HSET', P..'idem:'..idem, 'hash', ARGV[5], 'order', ARGV[2]) end
local n = redis.call('INCR', P..'meta:orders')
redis.call('HSET', P..'o:'..ARGV[2], 'version', 0, 'reserved', ARGV[6])
redis.call('HSET', P..'intent:'..ARGV[2], 'from', 1, 'rec', ARGV[7], 'n', n)
redis.call('ZADD', P..'intents', ARGV[8], ARGV[2])
return {'created', ARGV[2], tostring(n)}
`;

// Reserve the next events of an order at the expected version. Refused while another write of the
// order is still on its way (reserved > version): at most one intent per order, so the order's
// records enter its partition in seq order. Returns the view the new events fold onto.
// ARGV: prefix, orderId, expectedVersion, eventCount, intent JSON, now ms
const reserveAppend = `
local P = ARGV[1]
if redis.call('EXISTS', P..'meta:ready') == 0 then return {'not_ready'} end
local okey = P..'o:'..ARGV[2]
local f = redis.call('HMGET', okey, 'version', 'reserved', 'view')
local version = tonumber(f[1] or '0')
if version == 0 or not f[3] then return {'not_found'} end
local reserved = tonumber(f[2] or f[1])
if reserved ~= version then return {'pending', tostring(version)} end
if version ~= tonumber(ARGV[3]) then return {'conflict', tostring(version)} end
redis.call('HSET', okey, 'reserved', version + tonumber(ARGV[4]))
redis.call('HSET', P..'intent:'..ARGV[2], 'from', version + 1, 'rec', ARGV[5])
redis.call('ZADD', P..'intents', ARGV[6], ARGV[2])
return {'ok', f[3]}
`;

// Apply one write record to the views, once: a record at or below the view's version is a duplicate
// (a retry or a second producer of the same intent) and changes nothing; a record that does not
// continue the view is a gap (views behind the log: rebuild). Also restores what a rebuild needs
// (idempotency keys, the reservation high-water) and closes the record's intent.
// ARGV: prefix, orderId, fromSeq, lastSeq, view JSON, state, station ('' none), source,
//       nextFireAt ('' none), sla JSON, raw JSON ('' none), extKey ('' none), idemKey ('' none), bodyHash,
//       arrival number (0: number it now), overdue (0/1), unsatisfied (0/1), place code, received ms,
//       metrics contributions JSON ('' none), assisting stations CSV ('' none: 协办 parts not removed),
//       event JSON × (lastSeq - fromSeq + 1)
const commit = `${ROLLUP_LUA}
local P = ARGV[1]
local id = ARGV[2]
local okey = P..'o:'..id
local from = tonumber(ARGV[3])
local last = tonumber(ARGV[4])
local f = redis.call('HMGET', okey, 'version', 'state', 'station', 'n', 'reserved', 'assists')
local version = tonumber(f[1] or '0')
if version >= last then return {'already', tostring(version)} end
if version ~= from - 1 then return {'gap', tostring(version)} end
local n = tonumber(f[4] or '0')
if n == 0 then
  n = tonumber(ARGV[15])
  if n == 0 then
    n = redis.call('INCR', P..'meta:orders')
  elseif n > tonumber(redis.call('GET', P..'meta:orders') or '0') then
    redis.call('SET', P..'meta:orders', n)
  end
  redis.call('ZADD', P..'idx:all', n, id)
  redis.call('ZADD', P..'idx:src:'..ARGV[8], n, id)
end
if f[2] then redis.call('ZREM', P..'idx:state:'..f[2], id) end
if f[3] and f[3] ~= '' then redis.call('ZREM', P..'idx:st:'..f[3], id) end
redis.call('ZADD', P..'idx:state:'..ARGV[6], n, id)
if ARGV[7] ~= '' then redis.call('ZADD', P..'idx:st:'..ARGV[7], n, id) end
for s in string.gmatch(f[6] or '', '[^,]+') do redis.call('ZREM', P..'idx:as:'..s, id) end
for s in string.gmatch(ARGV[21], '[^,]+') do redis.call('ZADD', P..'idx:as:'..s, n, id) end
local reserved = tonumber(f[5] or '0')
if reserved < last then reserved = last end
redis.call('HSET', okey, 'version', last, 'reserved', reserved, 'view', ARGV[5], 'state', ARGV[6], 'station', ARGV[7], 'source', ARGV[8], 'n', n, 'sla', ARGV[10],
  'overdue', ARGV[16], 'unsat', ARGV[17], 'place', ARGV[18], 'recv', ARGV[19], 'assists', ARGV[21])
if ARGV[9] == '' then redis.call('ZREM', P..'sla:due', id) else redis.call('ZADD', P..'sla:due', ARGV[9], id) end
for i = 0, last - from do
  redis.call('RPUSH', P..'ev:'..id, ARGV[22 + i])
  local pos = redis.call('INCR', P..'meta:pos')
  redis.call('ZADD', P..'log', pos, pos..'|'..id..'|'..(from + i))
end
if ARGV[11] ~= '' then redis.call('RPUSH', P..'raw:'..id, ARGV[11]) end
if ARGV[20] ~= '' then rollup(P, id, ARGV[20]) end
if ARGV[12] ~= '' then redis.call('SET', P..'ext:'..ARGV[12], id, 'NX') end
if ARGV[13] ~= '' and redis.call('EXISTS', P..'idem:'..ARGV[13]) == 0 then redis.call('HSET', P..'idem:'..ARGV[13], 'hash', ARGV[14], 'order', id) end
if tonumber(redis.call('HGET', P..'intent:'..id, 'from') or '0') == from then
  redis.call('DEL', P..'intent:'..id)
  redis.call('ZREM', P..'intents', id)
end
return {'applied', tostring(last)}
`;

// One page of an index (arrival order), filtered as ListQuery says, views included.
// ARGV: prefix, index key, after n, limit, station ('' any), source ('' any), states CSV ('' any),
//       overdue only ('1'/''), unsatisfied only ('1'/''), received from ms (''), received before ms (''),
//       place prefix ('-' any, else '=' .. prefix)
const listPage = `
local P = ARGV[1]
local idx = P..ARGV[2]
local cursor = '(' .. ARGV[3]
local limit = tonumber(ARGV[4])
local st, src = ARGV[5], ARGV[6]
local states, anyState = {}, ARGV[7] == ''
for s in string.gmatch(ARGV[7], '[^,]+') do states[s] = true end
local overdue, unsat = ARGV[8] == '1', ARGV[9] == '1'
local rfrom, rto = tonumber(ARGV[10]), tonumber(ARGV[11])
local place = nil
if ARGV[12] ~= '-' then place = string.sub(ARGV[12], 2) end
local out, found, scanned = {}, 0, 0
while found < limit + 1 and scanned < 200000 do
  local batch = redis.call('ZRANGE', idx, cursor, '+inf', 'BYSCORE', 'LIMIT', 0, 500, 'WITHSCORES')
  if #batch == 0 then break end
  for i = 1, #batch, 2 do
    local id, n = batch[i], batch[i + 1]
    cursor = '(' .. n
    local f = redis.call('HMGET', P..'o:'..id, 'station', 'source', 'state', 'view', 'overdue', 'unsat', 'recv', 'place')
    local recv = tonumber(f[7] or '0')
    if f[4] and (st == '' or f[1] == st) and (src == '' or f[2] == src) and (anyState or states[f[3]])
      and (not overdue or f[5] == '1') and (not unsat or f[6] == '1')
      and (not rfrom or recv >= rfrom) and (not rto or recv < rto)
      and (not place or string.sub(f[8] or '', 1, #place) == place) then
      out[#out + 1] = n
      out[#out + 1] = f[4]
      found = found + 1
      if found >= limit + 1 then break end
    end
  end
  scanned = scanned + #batch / 2
end
return out
`;

// The log in commit order: positions assigned when a record's events reached the views.
// ARGV: prefix, after, limit → pos, event JSON, pos, event JSON, ...
const readLog = `
local P = ARGV[1]
local members = redis.call('ZRANGE', P..'log', '(' .. ARGV[2], '+inf', 'BYSCORE', 'LIMIT', 0, tonumber(ARGV[3]))
local out = {}
for _, m in ipairs(members) do
  local pos, id, seq = string.match(m, '^(%d+)|(.+)|(%d+)$')
  local ev = redis.call('LINDEX', P..'ev:'..id, tonumber(seq) - 1)
  if ev then
    out[#out + 1] = pos
    out[#out + 1] = ev
  end
end
return out
`;

// SLA repair: rewrite an order's view and index entry only if no write moved it meanwhile.
// ARGV: prefix, orderId, version, view JSON, nextFireAt ('' none), sla JSON, overdue, unsatisfied, place code,
//       metrics contributions JSON ('' none)
const reindex = `${ROLLUP_LUA}
local P = ARGV[1]
local okey = P..'o:'..ARGV[2]
if tonumber(redis.call('HGET', okey, 'version') or '0') ~= tonumber(ARGV[3]) then return 0 end
redis.call('HSET', okey, 'view', ARGV[4], 'sla', ARGV[6], 'overdue', ARGV[7], 'unsat', ARGV[8], 'place', ARGV[9])
if ARGV[10] ~= '' then rollup(P, ARGV[2], ARGV[10]) end
if ARGV[5] == '' then redis.call('ZREM', P..'sla:due', ARGV[2]) else redis.call('ZADD', P..'sla:due', ARGV[5], ARGV[2]) end
return 1
`;

const scripts = { reserveSubmit, reserveAppend, commit, listPage, readLog, reindex } as const;
export type ScriptName = keyof typeof scripts;
export type RunScript = (name: ScriptName, args: (string | number)[]) => Promise<unknown>;

/** Registers the scripts on a connection (EVALSHA, loading on first use) and returns a caller. */
export function defineScripts(redis: Redis): RunScript {
  for (const [name, lua] of Object.entries(scripts))
    redis.defineCommand(`hg_${name}`, { numberOfKeys: 0, lua });
  const commands = redis as unknown as Record<
    string,
    (...args: (string | number)[]) => Promise<unknown>
  >;
  return (name, args) => {
    const run = commands[`hg_${name}`];
    if (!run) throw new Error(`script ${name} not defined`);
    return run.apply(redis, args);
  };
}
