import { setTimeout as delay } from 'node:timers/promises';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { gatewayKeys } from '../model/keys';

export interface IdentifyLockOptions {
  /** Time between two IDENTIFYs of one concurrency bucket (Discord: 5 s). */
  readonly spacingMs?: number;
  /** Upper bound of one wait between attempts, so an aborted wait is noticed quickly. */
  readonly maxPollMs?: number;
}

export const DefaultIdentifyLockOptions = { spacingMs: 5_000, maxPollMs: 250 } as const;

/** The wait was aborted (the shard closed, or the gateway is stopping). */
export class IdentifyWaitAbortedError extends Error {
  override readonly name = 'IdentifyWaitAbortedError';
}

/**
 * Identify spacing shared by every gateway replica: a bucket's key is taken with SET NX PX <spacing>, so
 * whoever takes it may IDENTIFY now and the next one in that bucket only after the key expires.
 * Buckets are `shardId % max_concurrency`, as Discord counts them.
 */
export class RedisIdentifyLock {
  private readonly spacingMs: number;
  private readonly maxPollMs: number;

  constructor(
    private readonly redis: Redis,
    options: IdentifyLockOptions = {},
  ) {
    this.spacingMs = options.spacingMs ?? DefaultIdentifyLockOptions.spacingMs;
    this.maxPollMs = options.maxPollMs ?? DefaultIdentifyLockOptions.maxPollMs;
  }

  /** Resolves when `shardId` may identify; rejects with IdentifyWaitAbortedError when `signal` aborts. */
  async waitTurn(shardId: number, maxConcurrency: number, signal: AbortSignal): Promise<void> {
    const key = gatewayKeys.identifyBucket(maxConcurrency, shardId % Math.max(1, maxConcurrency));
    const token = randomBytes(8).toString('hex');
    for (;;) {
      if (signal.aborted) throw new IdentifyWaitAbortedError('identify wait aborted');
      const taken = await this.redis.set(key, token, 'PX', this.spacingMs, 'NX');
      if (taken === 'OK') return;
      const remaining = await this.redis.pttl(key);
      await sleep(Math.min(Math.max(remaining, 5), this.maxPollMs), signal);
    }
  }
}

/** Waits `ms`, or less when `signal` aborts (the caller's loop then notices the abort). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
