// The Lua scripts of the Redis delivery store (status webhooks out in cluster mode). Each runs as one
// Redis command, so a projection batch with its checkpoint, a lease on due lane heads, or an attempt's
// outcome is all or nothing, whichever process runs it. Keys hang off one prefix (ARGV[1], W below):
//   sub:<id> (hash; the secret sealed), subs / subs:<source> (zsets by creation time),
//   d:<id> (hash: the delivery with its lease owner), all / src:<s> / ord:<o> / st:<status> (zsets by n),
//   sk:<sub> (hash "order|seq" → delivery id: one delivery per subscription and event, ever),
//   lane:<sub>|<order> (zset by seq: the pending deliveries of one lane),
//   due (zset by next attempt: exactly the head of every non-empty lane), cp (the checkpoint),
//   epoch / epochs (which numbering of the order log the checkpoint counts in; see the store).
import type { Redis } from 'ioredis';

// Lane bookkeeping shared by the scripts: `due` holds each lane's lowest seq only, so a later event of
// an order is never offered while an earlier one is pending, and blocked deliveries cost no scan.
const LANES = `
local W = ARGV[1]
local function dkey(id) return W..'d:'..id end
local function lanekey(sub, ord) return W..'lane:'..sub..'|'..ord end
local function headOf(lane) return redis.call('ZRANGE', lane, 0, 0)[1] end
local function joinLane(lane, id, seq)
  local before = headOf(lane)
  redis.call('ZADD', lane, seq, id)
  local after = headOf(lane)
  if before ~= after then
    if before then redis.call('ZREM', W..'due', before) end
    redis.call('ZADD', W..'due', redis.call('HGET', dkey(after), 'next'), after)
  end
end
local function leaveLane(lane, id)
  local before = headOf(lane)
  redis.call('ZREM', lane, id)
  redis.call('ZREM', W..'due', id)
  if before == id then
    local after = headOf(lane)
    if after then redis.call('ZADD', W..'due', redis.call('HGET', dkey(after), 'next'), after) end
  end
end
local function setStatus(id, n, from, to)
  redis.call('ZREM', W..'st:'..from, id)
  redis.call('ZADD', W..'st:'..to, n, id)
end
-- A pending delivery stops being pending (delivered or dead): out of its lane, no lease.
local function finish(id, to)
  local f = redis.call('HMGET', dkey(id), 'sub', 'ord', 'n', 'status')
  if f[4] ~= 'pending' then return end
  leaveLane(lanekey(f[1], f[2]), id)
  setStatus(id, f[3], 'pending', to)
  redis.call('HSET', dkey(id), 'status', to, 'next', '', 'owner', '', 'until', '')
end
`;

// The projection's checkpoint. With a log guard (cluster mode), the checkpoint counts positions of
// one numbering of the order log: the views' rebuild renumbers it and deletes the marker key, so a
// missing marker starts a new epoch from position 0 (deliveries already made are kept by sk:<sub>).
// ARGV: W, marker key ('' no guard) → {checkpoint, epoch}
const checkpoint = `
local W = ARGV[1]
local cp = redis.call('GET', W..'cp') or '0'
if ARGV[2] == '' then return {cp, ''} end
local epoch = redis.call('GET', ARGV[2])
if not epoch then
  epoch = tostring(redis.call('INCR', W..'epochs'))
  redis.call('SET', ARGV[2], epoch)
  redis.call('SET', W..'epoch', epoch)
  redis.call('SET', W..'cp', '0')
  cp = '0'
elseif redis.call('GET', W..'epoch') ~= epoch then
  redis.call('SET', W..'epoch', epoch)
  redis.call('SET', W..'cp', '0')
  cp = '0'
end
return {cp, epoch}
`;

// Adds a projected batch and moves the checkpoint forward, once: a delivery whose (subscription,
// order, seq) exists already is dropped, so every process may project the same batch at the same time.
// With a log guard, refused while the views are not ready or when the log was renumbered since the
// caller read the checkpoint (then nothing is written).
// ARGV: W, checkpoint, marker key ('' no guard), ready key, epoch the caller read,
//       then per delivery: id, subscription, order, seq, type, payload, created, next attempt ms
const enqueue = `${LANES}
if ARGV[3] ~= '' then
  if redis.call('EXISTS', ARGV[4]) == 0 then return 'not_ready' end
  if redis.call('GET', ARGV[3]) ~= ARGV[5] then return 'renumbered' end
end
local added = 0
for i = 6, #ARGV, 8 do
  local id, sub, ord, seq = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  local source = redis.call('HGET', W..'sub:'..sub, 'source')
  if source and redis.call('HSETNX', W..'sk:'..sub, ord..'|'..seq, id) == 1 then
    local n = redis.call('INCR', W..'n')
    redis.call('HSET', dkey(id), 'n', n, 'sub', sub, 'src', source, 'ord', ord, 'seq', seq,
      'type', ARGV[i + 4], 'payload', ARGV[i + 5], 'status', 'pending', 'next', ARGV[i + 7],
      'attempts', '[]', 'created', ARGV[i + 6], 'owner', '', 'until', '')
    redis.call('ZADD', W..'all', n, id)
    redis.call('ZADD', W..'src:'..source, n, id)
    redis.call('ZADD', W..'ord:'..ord, n, id)
    redis.call('ZADD', W..'st:pending', n, id)
    joinLane(lanekey(sub, ord), id, seq)
    added = added + 1
  end
end
if tonumber(ARGV[2]) > tonumber(redis.call('GET', W..'cp') or '0') then redis.call('SET', W..'cp', ARGV[2]) end
return tostring(added)
`;

// Leases due lane heads to one owner: a head leased by another owner whose lease has not run out is
// skipped, so each attempt is made by one process; a lease of a process that died runs out and the
// delivery is offered again. The owner's own leases are offered again (it asks only between rounds).
// ARGV: W, now ms, limit, owner, lease until ms
//   → per delivery {id, sub, src, ord, seq, type, payload, status, next, attempts, created}
const lease = `
local W = ARGV[1]
local now, limit, owner = tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
local out, offset = {}, 0
while #out < limit and offset < 20000 do
  local ids = redis.call('ZRANGE', W..'due', '-inf', now, 'BYSCORE', 'LIMIT', offset, 200)
  if #ids == 0 then break end
  for _, id in ipairs(ids) do
    local k = W..'d:'..id
    local l = redis.call('HMGET', k, 'owner', 'until')
    if l[1] == false or l[1] == '' or l[1] == owner or tonumber(l[2] or '0') <= now then
      redis.call('HSET', k, 'owner', owner, 'until', ARGV[5])
      local f = redis.call('HMGET', k, 'sub', 'src', 'ord', 'seq', 'type', 'payload', 'status', 'next', 'attempts', 'created')
      out[#out + 1] = {id, f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10]}
      if #out >= limit then break end
    end
  end
  offset = offset + #ids
end
return out
`;

// The earliest instant any lane head can be attempted: its next attempt, or the end of another
// owner's lease on it. ARGV: W, owner → ms or false
const nextDue = `
local W = ARGV[1]
local best = nil
local rows = redis.call('ZRANGE', W..'due', 0, 999, 'WITHSCORES')
for i = 1, #rows, 2 do
  local score = tonumber(rows[i + 1])
  if best and score >= best then break end
  local l = redis.call('HMGET', W..'d:'..rows[i], 'owner', 'until')
  local at = score
  if l[1] and l[1] ~= '' and l[1] ~= ARGV[2] then at = math.max(score, tonumber(l[2] or '0')) end
  if not best or at < best then best = at end
end
if best then return tostring(best) end
return false
`;

// Records one attempt and what the delivery becomes. Applied only while the delivery is pending and
// leased by this owner or by nobody: an owner whose lease ran out and was taken over reports nothing.
// ARGV: W, id, attempt JSON, outcome (delivered|pending|dead|gone), next ms, reason, owner
const record = `${LANES}
local id = ARGV[2]
local f = redis.call('HMGET', dkey(id), 'status', 'owner', 'attempts', 'sub', 'ord', 'n')
if f[1] ~= 'pending' then return 'ignored' end
if f[2] and f[2] ~= '' and f[2] ~= ARGV[7] then return 'not_owner' end
local attempts = f[3]
if attempts == '[]' then attempts = '['..ARGV[3]..']' else attempts = string.sub(attempts, 1, -2)..','..ARGV[3]..']' end
redis.call('HSET', dkey(id), 'attempts', attempts)
local outcome = ARGV[4]
if outcome == 'pending' then
  redis.call('HSET', dkey(id), 'next', ARGV[5], 'owner', '', 'until', '')
  if headOf(lanekey(f[4], f[5])) == id then redis.call('ZADD', W..'due', ARGV[5], id) end
elseif outcome == 'delivered' then
  finish(id, 'delivered')
else
  finish(id, 'dead')
  if outcome == 'gone' then
    redis.call('HSET', W..'sub:'..f[4], 'status', 'disabled', 'reason', ARGV[6])
    for _, other in ipairs(redis.call('HVALS', W..'sk:'..f[4])) do finish(other, 'dead') end
  end
end
return 'recorded'
`;

// A dead delivery becomes pending again, due at ARGV[3], its attempts kept; it rejoins its lane (and
// holds back the later events of its order again). ARGV: W, id, now ms
const replay = `${LANES}
local id = ARGV[2]
local f = redis.call('HMGET', dkey(id), 'status', 'sub', 'ord', 'seq', 'n')
if f[1] ~= 'dead' then return 0 end
redis.call('HSET', dkey(id), 'status', 'pending', 'next', ARGV[3], 'owner', '', 'until', '')
setStatus(id, f[5], 'dead', 'pending')
joinLane(lanekey(f[2], f[3]), id, f[4])
return 1
`;

// Removes a source's subscription with every delivery it had. ARGV: W, source, id → 1 or 0
const deleteSubscription = `${LANES}
local sub = ARGV[3]
if redis.call('HGET', W..'sub:'..sub, 'source') ~= ARGV[2] then return 0 end
for _, id in ipairs(redis.call('HVALS', W..'sk:'..sub)) do
  local f = redis.call('HMGET', dkey(id), 'src', 'ord', 'status')
  if f[3] == 'pending' then leaveLane(lanekey(sub, f[2]), id) end
  redis.call('ZREM', W..'all', id)
  redis.call('ZREM', W..'src:'..(f[1] or ''), id)
  redis.call('ZREM', W..'ord:'..(f[2] or ''), id)
  redis.call('ZREM', W..'st:'..(f[3] or ''), id)
  redis.call('DEL', dkey(id))
end
redis.call('DEL', W..'sk:'..sub, W..'sub:'..sub)
redis.call('ZREM', W..'subs', sub)
redis.call('ZREM', W..'subs:'..ARGV[2], sub)
return 1
`;

// One page of the delivery log in projection order, filtered. ARGV: W, index key, after n, limit,
// source ('' any), status ('' any), order ('' any) → per delivery {n, id, sub, ord, seq, type, status,
// next, attempts, created}
const listPage = `
local W = ARGV[1]
local idx, cursor, limit = W..ARGV[2], '(' .. ARGV[3], tonumber(ARGV[4])
local src, st, ord = ARGV[5], ARGV[6], ARGV[7]
local out, scanned = {}, 0
while #out < limit + 1 and scanned < 200000 do
  local batch = redis.call('ZRANGE', idx, cursor, '+inf', 'BYSCORE', 'LIMIT', 0, 500, 'WITHSCORES')
  if #batch == 0 then break end
  for i = 1, #batch, 2 do
    local id, n = batch[i], batch[i + 1]
    cursor = '(' .. n
    local f = redis.call('HMGET', W..'d:'..id, 'src', 'status', 'ord', 'sub', 'seq', 'type', 'next', 'attempts', 'created')
    if f[1] and (src == '' or f[1] == src) and (st == '' or f[2] == st) and (ord == '' or f[3] == ord) then
      out[#out + 1] = {n, id, f[4], f[3], f[5], f[6], f[2], f[7], f[8], f[9]}
      if #out >= limit + 1 then break end
    end
  end
  scanned = scanned + #batch / 2
end
return out
`;

const scripts = {
  checkpoint,
  enqueue,
  lease,
  nextDue,
  record,
  replay,
  deleteSubscription,
  listPage,
} as const;
export type DeliveryScriptName = keyof typeof scripts;
export type RunDeliveryScript = (
  name: DeliveryScriptName,
  args: (string | number)[],
) => Promise<unknown>;

/** Registers the scripts on a connection (EVALSHA, loading on first use) and returns a caller. */
export function defineDeliveryScripts(redis: Redis): RunDeliveryScript {
  for (const [name, lua] of Object.entries(scripts))
    redis.defineCommand(`hgwh_${name}`, { numberOfKeys: 0, lua });
  const commands = redis as unknown as Record<
    string,
    (...args: (string | number)[]) => Promise<unknown>
  >;
  return (name, args) => {
    const run = commands[`hgwh_${name}`];
    if (!run) throw new Error(`delivery script ${name} not defined`);
    return run.apply(redis, args);
  };
}
