import { setTimeout as delay } from 'node:timers/promises';
import type { IIdentifyThrottler, WebSocketManager } from '@discordjs/ws';
import type { RedisIdentifyLock } from '@timekeeper/storage/gateway';
import type { Logger } from 'pino';
import type { IdentifyGuard } from './identify-guard';

export const IDENTIFY_RECHECK_MS = 60_000;
const RETRY_AFTER_ERROR_MS = 1_000;

/** Thrown when the shard closed (or the gateway stopped) while waiting for its turn to identify. */
export class IdentifyAbortedError extends Error {
  override readonly name = 'IdentifyAbortedError';
}

/**
 * The identify throttler for @discordjs/ws: shared spacing per `max_concurrency` bucket through Redis
 * (so replicas do not identify in the same bucket at once), behind the budget guard. A refused shard
 * waits (re-checking every minute) rather than failing: the library would identify anyway after an
 * error.
 */
export class GuardedIdentifyThrottler implements IIdentifyThrottler {
  constructor(
    private readonly manager: WebSocketManager,
    private readonly lock: RedisIdentifyLock,
    private readonly guard: IdentifyGuard,
    private readonly logger: Logger,
  ) {}

  async waitForIdentify(shardId: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      if (signal.aborted) throw new IdentifyAbortedError(`shard ${shardId} closed while waiting to identify`);
      try {
        // Forced: the library caches /gateway/bot until the budget resets, and `remaining` must be fresh.
        const info = await this.manager.fetchGatewayInformation(true);
        const verdict = await this.guard.check(info.session_start_limit.remaining, [shardId]);
        if (verdict.allowed) {
          await this.lock.waitTurn(shardId, info.session_start_limit.max_concurrency, signal);
          await this.guard.record(shardId);
          return;
        }
        await sleep(IDENTIFY_RECHECK_MS, signal);
      } catch (error) {
        if (signal.aborted)
          throw new IdentifyAbortedError(`shard ${shardId} closed while waiting to identify`);
        this.logger.warn({ err: error, shardId }, 'identify throttling failed; retrying');
        await sleep(RETRY_AFTER_ERROR_MS, signal);
      }
    }
  }
}

/** Waits `ms`, or less when `signal` aborts (the caller's loop then notices the abort). */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return delay(ms, undefined, { signal }).catch(() => undefined);
}
