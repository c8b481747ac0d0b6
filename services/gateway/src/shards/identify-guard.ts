/**
 * The identify budget guard. Every IDENTIFY spends one of Discord's daily session starts (1,000 for most
 * bots); running out terminates every session and resets the token. The guard refuses to start sessions
 * when the remaining budget would drop under a safety floor, or when this replica's shards identified
 * too often recently (a crash loop that fails to resume), and says so loudly instead.
 */
import { formatDuration } from '@timekeeper/contracts';
import type { IdentifyLog } from '@timekeeper/storage/gateway';
import type { Logger } from 'pino';
import type { Rate } from '../config';
import type { GatewayMetrics } from '../metrics';

export interface IdentifyBudgetPolicy {
  /** Never let `session_start_limit.remaining` go below this. */
  readonly floor: number;
  /** At most this many IDENTIFYs per shard per window; null turns the crash-loop rule off. */
  readonly perShard: Rate | null;
}

export type IdentifyVerdict =
  { readonly allowed: true } | { readonly allowed: false; readonly reason: string };

export interface IdentifyRequest {
  /** `session_start_limit.remaining` as Discord reports it now. */
  readonly remaining: number;
  /** Shards about to identify, with how often each identified within the policy's window. */
  readonly shards: readonly { readonly shardId: number; readonly recent: number }[];
}

/** The rule itself, pure. */
export function judgeIdentify(request: IdentifyRequest, policy: IdentifyBudgetPolicy): IdentifyVerdict {
  const wanted = request.shards.length;
  if (wanted === 0) return { allowed: true };
  if (request.remaining - wanted < policy.floor) {
    return {
      allowed: false,
      reason:
        `only ${request.remaining} session starts remain and ${wanted} shard(s) need one; ` +
        `the safety floor is ${policy.floor} (GATEWAY_IDENTIFY_FLOOR)`,
    };
  }
  if (policy.perShard) {
    const looping = request.shards.filter((shard) => shard.recent + 1 > policy.perShard!.points);
    if (looping.length > 0) {
      return {
        allowed: false,
        reason:
          `shard(s) ${looping.map((shard) => shard.shardId).join(', ')} identified ${policy.perShard.points} ` +
          `times within ${formatDuration(policy.perShard.durationMs)} (GATEWAY_IDENTIFY_LIMIT): crash loop suspected`,
      };
    }
  }
  return { allowed: true };
}

/** The guard with its state: the Redis identify log, the metric and the readiness it drives. */
export class IdentifyGuard {
  private blockedReason: string | null = null;

  constructor(
    private readonly policy: IdentifyBudgetPolicy,
    private readonly log: IdentifyLog,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
  ) {
    metrics.identifyBlocked.set(0);
  }

  /** Why sessions are refused right now, or null. */
  get blocked(): string | null {
    return this.blockedReason;
  }

  async check(remaining: number, shardIds: readonly number[]): Promise<IdentifyVerdict> {
    const since = Date.now() - (this.policy.perShard?.durationMs ?? 0);
    const shards = await Promise.all(
      shardIds.map(async (shardId) => ({
        shardId,
        recent: this.policy.perShard ? await this.log.countSince([shardId], since) : 0,
      })),
    );
    const verdict = judgeIdentify({ remaining, shards }, this.policy);
    if (!verdict.allowed) {
      if (this.blockedReason !== verdict.reason) {
        this.logger.error(
          { reason: verdict.reason, shards: shardIds },
          'identify budget guard: not identifying',
        );
      }
      this.blockedReason = verdict.reason;
      this.metrics.identifyBlocked.set(1);
    } else if (this.blockedReason !== null) {
      this.logger.info('identify budget guard: identifying allowed again');
      this.blockedReason = null;
      this.metrics.identifyBlocked.set(0);
    }
    return verdict;
  }

  /** Remembers an IDENTIFY that is about to be sent. */
  async record(shardId: number): Promise<void> {
    this.metrics.identifies.inc();
    await this.log.record(shardId);
  }
}
