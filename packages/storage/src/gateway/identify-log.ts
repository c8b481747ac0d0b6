import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { gatewayKeys } from '../model/keys';

/**
 * When each shard last identified, kept across restarts, so a crash-looping gateway notices that it keeps
 * starting new sessions (each one spends Discord's daily session-start budget) and stops.
 */
export class IdentifyLog {
  constructor(
    private readonly redis: Redis,
    /** Entries older than this are dropped; keep it at least as long as the longest window asked about. */
    private readonly retentionMs: number = 24 * 60 * 60 * 1000,
  ) {}

  async record(shardId: number, at: number = Date.now()): Promise<void> {
    const key = gatewayKeys.identifyLog(shardId);
    await this.redis
      .multi()
      .zadd(key, at, `${at}-${randomBytes(4).toString('hex')}`)
      .zremrangebyscore(key, '-inf', at - this.retentionMs)
      .pexpire(key, this.retentionMs)
      .exec();
  }

  /** IDENTIFYs of these shards since `since` (ms). */
  async countSince(shardIds: readonly number[], since: number): Promise<number> {
    if (shardIds.length === 0) return 0;
    const pipeline = this.redis.pipeline();
    for (const shardId of shardIds) pipeline.zcount(gatewayKeys.identifyLog(shardId), since, '+inf');
    const results = (await pipeline.exec()) ?? [];
    let total = 0;
    for (const [error, count] of results) {
      if (error) throw error;
      total += Number(count);
    }
    return total;
  }
}
