import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';

/**
 * The one write script. ARGV[1] is a plan (plan.ts): guards `g`, operations `o`, outcome `r`, TTL `t`.
 * 1. A processed event id returns its stored outcome and changes nothing (idempotency).
 * 2. A guard that no longer holds returns `stale` and changes nothing; the caller re-reads and retries.
 * 3. Otherwise every operation runs and the outcome is stored under the event id, in one atomic step.
 * Keys come in KEYS (never built here) so the script declares all it touches. The operations only
 * meet keys of the types keys.ts gives them, so none can fail half-way.
 */
export const APPLY_LUA = `
local spec = cjson.decode(ARGV[1])
local done = redis.call('GET', KEYS[1])
if done then return {'replay', done} end
for i, g in ipairs(spec.g) do
  local key = KEYS[g[2]]
  local cur
  if g[1] == 'hget' then
    cur = redis.call('HGET', key, g[3])
  elseif g[1] == 'get' then
    cur = redis.call('GET', key)
  else
    cur = tostring(redis.call('SISMEMBER', key, g[3]))
  end
  if cur ~= g[4] then return {'stale', tostring(i)} end
end
for _, o in ipairs(spec.o) do
  local c, key = o[1], KEYS[o[2]]
  if c == 'hincr' then
    if redis.call('HINCRBY', key, o[3], o[4]) == 0 then redis.call('HDEL', key, o[3]) end
  elseif c == 'zincr' then
    if tonumber(redis.call('ZINCRBY', key, o[4], o[3])) <= 0 then
      redis.call('ZREM', key, o[3])
      redis.call('HDEL', KEYS[o[5]], o[3])
    else
      redis.call('HSET', KEYS[o[5]], o[3], o[6])
    end
  elseif c == 'hset' then redis.call('HSET', key, o[3], o[4])
  elseif c == 'hdel' then redis.call('HDEL', key, o[3])
  elseif c == 'zadd' then redis.call('ZADD', key, o[3], o[4])
  elseif c == 'zrem' then redis.call('ZREM', key, o[3])
  elseif c == 'set' then redis.call('SET', key, o[3])
  elseif c == 'del' then redis.call('DEL', key)
  elseif c == 'sadd' then redis.call('SADD', key, o[3])
  elseif c == 'srem' then redis.call('SREM', key, o[3])
  elseif c == 'xadd' then redis.call('XADD', key, 'MAXLEN', '~', o[3], '*', unpack(o, 4))
  end
end
redis.call('SET', KEYS[1], spec.r, 'PX', spec.t)
return {'ok', spec.r}
`;

/**
 * A leaderboard page with our tie-break applied. Returns the number of members ranked strictly above
 * the page's top score, every member whose score lies within the page's score range (so ties that
 * straddle the page edges are complete), and each one's "reached at" instant.
 */
export const LEADERBOARD_LUA = `
local offset, limit = tonumber(ARGV[1]), tonumber(ARGV[2])
local page = redis.call('ZREVRANGE', KEYS[1], offset, offset + limit - 1, 'WITHSCORES')
local size = redis.call('ZCARD', KEYS[1])
if #page == 0 then return {size, 0, {}, {}} end
local hi, lo = page[2], page[#page]
local above = redis.call('ZCOUNT', KEYS[1], '(' .. hi, '+inf')
local seg = redis.call('ZREVRANGEBYSCORE', KEYS[1], hi, lo, 'WITHSCORES')
local reached = {}
local batch = {}
for i = 1, #seg, 2 do
  batch[#batch + 1] = seg[i]
  if #batch == 500 or i + 1 >= #seg then
    local got = redis.call('HMGET', KEYS[2], unpack(batch))
    for j = 1, #batch do reached[#reached + 1] = got[j] or '0' end
    batch = {}
  end
end
return {size, above, seg, reached}
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
export const leaderboardScript = new LuaScript(LEADERBOARD_LUA);
export const noopScript = new LuaScript(NOOP_LUA);
