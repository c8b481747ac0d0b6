import type { Redis } from 'ioredis';
import { gatewayKeys } from '../model/keys';

/** `points` interactions per `durationSeconds` (whole seconds: the store counts in seconds). */
export interface RateLimitRule {
  readonly points: number;
  readonly durationSeconds: number;
}

export type RateLimitScope = 'user' | 'guild';

export type RateLimitDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; readonly scope: RateLimitScope; readonly retryAfterMs: number };

export interface InteractionRateLimitsOptions {
  /** null turns the scope off. */
  readonly user: RateLimitRule | null;
  readonly guild: RateLimitRule | null;
  /** Key suffix separating limiter families (e.g. `autocomplete`), so their counters do not mix. */
  readonly family?: string;
}

/**
 * One fixed-window counter: counts the interaction and returns the count and the window's remaining ms.
 * Same keys, values and window as rate-limiter-flexible's RateLimiterRedis (which this replaces on the
 * hot path), so replicas of either version share counters during a rolling deploy.
 */
const INCR_SCRIPT = `redis.call('set', KEYS[1], 0, 'EX', ARGV[2], 'NX')
local consumed = redis.call('incrby', KEYS[1], ARGV[1])
local ttl = redis.call('pttl', KEYS[1])
if ttl == -1 then
  redis.call('expire', KEYS[1], ARGV[2])
  ttl = 1000 * ARGV[2]
end
return {consumed, ttl}`;

/** Gives a point back, but only to a window that still exists (never creates a counter without TTL). */
const REFUND_SCRIPT = `if redis.call('exists', KEYS[1]) == 1 then
  return redis.call('decrby', KEYS[1], ARGV[1])
end
return 0`;

type RedisWithScripts = Redis & {
  tkGatewayRateIncr(key: string, points: string, seconds: string): Promise<[number, number]>;
  tkGatewayRateRefund(key: string, points: string): Promise<number>;
};

function withScripts(redis: Redis): RedisWithScripts {
  const scripted = redis as RedisWithScripts;
  // defineCommand sends EVALSHA and falls back to EVAL once after a NOSCRIPT (e.g. a Redis restart).
  if (typeof scripted.tkGatewayRateIncr !== 'function') {
    redis.defineCommand('tkGatewayRateIncr', { numberOfKeys: 1, lua: INCR_SCRIPT });
    redis.defineCommand('tkGatewayRateRefund', { numberOfKeys: 1, lua: REFUND_SCRIPT });
  }
  return scripted;
}

interface Counter {
  readonly scope: RateLimitScope;
  readonly prefix: string;
  readonly points: number;
  readonly seconds: string;
}

/**
 * Per-user and per-guild fixed-window counters in Redis, shared by every gateway replica.
 *
 * Both counters are asked in the same round trip (the two commands leave in one write; the keys live in
 * different Cluster slots, so they are two single-key scripts rather than one script). The user decides
 * first: when the user is over their limit the interaction is refused for the user and the guild's point
 * is given back at once, so one noisy user is told to slow down without using up the guild's allowance.
 */
export class InteractionRateLimits {
  private readonly redis: RedisWithScripts;
  private readonly user: Counter | null;
  private readonly guild: Counter | null;

  constructor(redis: Redis, options: InteractionRateLimitsOptions) {
    this.redis = withScripts(redis);
    const make = (scope: RateLimitScope, rule: RateLimitRule | null): Counter | null =>
      rule === null
        ? null
        : {
            scope,
            prefix: gatewayKeys.rateLimit(options.family, scope),
            points: rule.points,
            seconds: String(rule.durationSeconds),
          };
    this.user = make('user', options.user);
    this.guild = make('guild', options.guild);
  }

  /**
   * Counts one interaction. Throws when Redis cannot be asked (the caller decides whether to fail open);
   * otherwise says whether it is within both limits.
   */
  async consume(subject: { userId: string; guildId: string | null }): Promise<RateLimitDecision> {
    const guild = subject.guildId === null ? null : this.guild;
    if (!this.user && !guild) return ALLOWED;
    // With Redis away, fail at once (the caller lets the interaction through) instead of queueing.
    if (this.redis.status !== 'ready') throw new Error(`redis is ${this.redis.status}`);
    const userKey = this.user ? this.user.prefix + subject.userId : null;
    const guildKey = guild ? guild.prefix + (subject.guildId as string) : null;
    const [userCount, guildCount] = await Promise.all([
      userKey === null ? null : this.redis.tkGatewayRateIncr(userKey, '1', this.user!.seconds),
      guildKey === null ? null : this.redis.tkGatewayRateIncr(guildKey, '1', guild!.seconds),
    ]);
    if (userCount && userCount[0] > this.user!.points) {
      if (guildKey !== null) {
        // Not awaited: the answer does not depend on it, and a failed refund only costs the guild a point.
        this.redis.tkGatewayRateRefund(guildKey, '1').catch(() => undefined);
      }
      return refused('user', userCount[1]);
    }
    if (guildCount && guildCount[0] > guild!.points) return refused('guild', guildCount[1]);
    return ALLOWED;
  }
}

const ALLOWED: RateLimitDecision = { allowed: true };

function refused(scope: RateLimitScope, ttlMs: number): RateLimitDecision {
  return { allowed: false, scope, retryAfterMs: Math.max(0, ttlMs) };
}
