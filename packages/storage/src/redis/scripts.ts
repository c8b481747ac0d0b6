import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The one write script, applying a batch of writes (group commit: one call, one fsync, many writes).
 * ARGV[1] is one flat JSON array of strings (group-commit.ts): for each write, the number of values
 * that follow for it, then its event key (index into KEYS), the outcome to store, its TTL (ms), the
 * number of guards, four values per guard (kind, key index, field, expected value) and the operations,
 * each as its name, its key index and its arguments (plan.ts `encode`; `xsame` appends the fields of
 * the write's previous `xadd` to another stream). Writes are applied in order,
 * each on its own:
 * 1. A processed event id returns its stored outcome and changes nothing (idempotency).
 * 2. A guard that no longer holds returns `stale` and changes nothing; the caller re-reads and retries.
 * 3. Otherwise every operation runs and the outcome is stored under the event id, in one atomic step.
 * The reply is a flat array with two values per write: `ok`, `replay` (+ the stored outcome), `stale`
 * (+ the guard's number) or `error` (+ the message: a malformed write, refused before it changed
 * anything). Keys come in KEYS (never built here) so the script declares all it touches. The
 * operations only meet keys of the types keys.ts gives them, so none can fail half-way.
 */
export const APPLY_LUA = `
local a = cjson.decode(ARGV[1])
local call = redis.call
local width = {hincr = 4, zincr = 6, hset = 4, hdel = 3, zadd = 4, zrem = 3, set = 3, del = 2, sadd = 3, srem = 3}
local function apply(i, last)
  local eventKey = KEYS[tonumber(a[i])]
  local done = call('GET', eventKey)
  if done then return 'replay', done end
  local outcome, ttl = a[i + 1], a[i + 2]
  local guards = tonumber(a[i + 3])
  i = i + 4
  for n = 1, guards do
    local kind, key = a[i], KEYS[tonumber(a[i + 1])]
    local cur
    if kind == 'h' or kind == 'H' then
      cur = call('HGET', key, a[i + 2])
    elseif kind == 'g' or kind == 'G' then
      cur = call('GET', key)
    else
      cur = tostring(call('SISMEMBER', key, a[i + 2]))
    end
    if kind == 'H' or kind == 'G' then
      if cur then return 'stale', tostring(n) end
    elseif cur ~= a[i + 3] then
      return 'stale', tostring(n)
    end
    i = i + 4
  end
  -- Checks the operations' shape before writing anything, so a malformed write changes nothing.
  local j, fields = i, false
  while j <= last do
    local w = width[a[j]]
    if a[j] == 'xadd' then
      w, fields = 4 + (tonumber(a[j + 3]) or last), true
    elseif a[j] == 'xsame' and fields then
      w = 3
    end
    if not w then return 'error', 'apply: unknown operation ' .. tostring(a[j]) end
    j = j + w
  end
  if j ~= last + 1 then return 'error', 'apply: malformed operations' end
  while i <= last do
    local c, key = a[i], KEYS[tonumber(a[i + 1])]
    if c == 'hincr' then
      if call('HINCRBY', key, a[i + 2], a[i + 3]) == 0 then call('HDEL', key, a[i + 2]) end
      i = i + 4
    elseif c == 'zincr' then
      local member, reached = a[i + 2], KEYS[tonumber(a[i + 4])]
      if tonumber(call('ZINCRBY', key, a[i + 3], member)) <= 0 then
        call('ZREM', key, member)
        call('HDEL', reached, member)
      else
        call('HSET', reached, member, a[i + 5])
      end
      i = i + 6
    elseif c == 'hset' then call('HSET', key, a[i + 2], a[i + 3]); i = i + 4
    elseif c == 'hdel' then call('HDEL', key, a[i + 2]); i = i + 3
    elseif c == 'zadd' then call('ZADD', key, a[i + 2], a[i + 3]); i = i + 4
    elseif c == 'zrem' then call('ZREM', key, a[i + 2]); i = i + 3
    elseif c == 'set' then call('SET', key, a[i + 2]); i = i + 3
    elseif c == 'del' then call('DEL', key); i = i + 2
    elseif c == 'sadd' then call('SADD', key, a[i + 2]); i = i + 3
    elseif c == 'srem' then call('SREM', key, a[i + 2]); i = i + 3
    elseif c == 'xadd' then
      local count = tonumber(a[i + 3])
      fields = {i + 4, i + 3 + count}
      call('XADD', key, 'MAXLEN', '~', a[i + 2], '*', unpack(a, fields[1], fields[2]))
      i = i + 4 + count
    else -- xsame: the previous xadd's fields, to another stream
      call('XADD', key, 'MAXLEN', '~', a[i + 2], '*', unpack(a, fields[1], fields[2]))
      i = i + 3
    end
  end
  call('SET', eventKey, outcome, 'PX', ttl)
  return 'ok', ''
end
local out = {}
local p, size = 1, #a
while p <= size do
  local last = p + tonumber(a[p])
  local ran, status, payload = pcall(apply, p + 1, last)
  if not ran then
    status, payload = 'error', type(status) == 'table' and tostring(status.err) or tostring(status)
  end
  out[#out + 1] = status
  out[#out + 1] = payload
  p = last + 1
end
return out
`;

/**
 * One read of a board, with our tie-break applied (more time first, then who reached it first):
 * a page, one member's place, and where the board's middle lies.
 *
 * KEYS[1] is the board; for a range of dates it is a scratch key the range's boards (KEYS[2] …
 * KEYS[1 + parts]) are summed into first and deleted after. The rest of KEYS are the "reached at"
 * hashes; a member's reach time is the latest of them (when the member reached the range's total).
 * ARGV: offset, limit (0: no page), member id ('' for none), parts.
 *
 * Returns {size, above, seg, segReached, own, middle}: the members ranked strictly above the page's
 * top score, every member whose score lies within the page's score range (so ties that straddle the
 * page edges are complete) and their reach times; own = {score, above, tied ids, their reach times,
 * members with less time} or false; middle = the one or two middle members ascending, with scores.
 */
export const BOARD_LUA = `
local offset, limit, user, parts = tonumber(ARGV[1]), tonumber(ARGV[2]), ARGV[3], tonumber(ARGV[4])
local board = KEYS[1]
if parts > 0 then
  local sources = {}
  for i = 1, parts do sources[i] = KEYS[1 + i] end
  redis.call('ZUNIONSTORE', board, parts, unpack(sources))
end
local function reachedOf(ids)
  local out = {}
  for i = 1, #ids do out[i] = 0 end
  for k = 2 + parts, #KEYS do
    for i = 1, #ids, 500 do
      local batch = {}
      for j = i, math.min(i + 499, #ids) do batch[#batch + 1] = ids[j] end
      local got = redis.call('HMGET', KEYS[k], unpack(batch))
      for j = 1, #batch do
        local at = tonumber(got[j]) or 0
        if at > out[i + j - 1] then out[i + j - 1] = at end
      end
    end
  end
  return out
end
local size = redis.call('ZCARD', board)
local above, seg, ids = 0, {}, {}
if limit > 0 then
  local page = redis.call('ZREVRANGE', board, offset, offset + limit - 1, 'WITHSCORES')
  if #page > 0 then
    above = redis.call('ZCOUNT', board, '(' .. page[2], '+inf')
    seg = redis.call('ZREVRANGEBYSCORE', board, page[2], page[#page], 'WITHSCORES')
    for i = 1, #seg, 2 do ids[#ids + 1] = seg[i] end
  end
end
local own = false
local score = user ~= '' and redis.call('ZSCORE', board, user)
if score then
  local tied = redis.call('ZRANGEBYSCORE', board, score, score)
  own = {
    score,
    redis.call('ZCOUNT', board, '(' .. score, '+inf'),
    tied,
    reachedOf(tied),
    redis.call('ZCOUNT', board, '-inf', '(' .. score),
  }
end
local middle = {}
if size > 0 then
  middle = redis.call('ZRANGE', board, math.floor((size - 1) / 2), math.floor(size / 2), 'WITHSCORES')
end
local result = {size, above, seg, reachedOf(ids), own, middle}
if parts > 0 then redis.call('DEL', board) end
return result
`;

/** The floor the benchmark compares against: an EVALSHA that does nothing. */
export const NOOP_LUA = `return 1`;

export class LuaScript {
  readonly sha: string;
  constructor(readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  /** EVALSHA, falling back to EVAL when the server lost its script cache (e.g. after a restart). */
  async run(redis: Redis, keys: readonly string[], argv: readonly (string | number)[]): Promise<unknown> {
    try {
      return await redis.evalsha(this.sha, keys.length, ...keys, ...argv);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return redis.eval(this.source, keys.length, ...keys, ...argv);
    }
  }
}

export const applyScript = new LuaScript(APPLY_LUA);
export const boardScript = new LuaScript(BOARD_LUA);
export const noopScript = new LuaScript(NOOP_LUA);
