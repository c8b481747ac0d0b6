import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import { gatewayKeys } from './keys';

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
 * Per-user and per-guild fixed-window counters in Redis, shared by every gateway replica. The user is
 * checked first, so one noisy user is told to slow down before they use up the guild's allowance.
 */
export class InteractionRateLimits {
  private readonly user: RateLimiterRedis | null;
  private readonly guild: RateLimiterRedis | null;

  constructor(redis: Redis, options: InteractionRateLimitsOptions) {
    const family = options.family ? `:${options.family}` : '';
    const make = (scope: RateLimitScope, rule: RateLimitRule | null): RateLimiterRedis | null =>
      rule === null
        ? null
        : new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: `${gatewayKeys.rateLimitPrefix}${family}:${scope}`,
            points: rule.points,
            duration: rule.durationSeconds,
            // With Redis away, fail at once (the caller lets the interaction through) instead of queueing.
            rejectIfRedisNotReady: true,
          });
    this.user = make('user', options.user);
    this.guild = make('guild', options.guild);
  }

  /**
   * Counts one interaction. Throws when Redis cannot be asked (the caller decides whether to fail open);
   * otherwise says whether it is within both limits.
   */
  async consume(subject: { userId: string; guildId: string | null }): Promise<RateLimitDecision> {
    const checks: [RateLimitScope, RateLimiterRedis | null, string | null][] = [
      ['user', this.user, subject.userId],
      ['guild', this.guild, subject.guildId],
    ];
    for (const [scope, limiter, key] of checks) {
      if (!limiter || key === null) continue;
      try {
        await limiter.consume(key);
      } catch (rejection) {
        if (rejection instanceof RateLimiterRes) {
          return { allowed: false, scope, retryAfterMs: rejection.msBeforeNext };
        }
        throw rejection;
      }
    }
    return { allowed: true };
  }
}
