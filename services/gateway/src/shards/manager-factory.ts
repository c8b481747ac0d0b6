/**
 * The one place a WebSocketManager is built. @discordjs/ws 3.x replaces the `rest` option with a
 * `fetchGatewayInformation` function; only this file changes then.
 */
import type { REST } from '@discordjs/rest';
import { WebSocketManager, WorkerShardingStrategy, type IIdentifyThrottler } from '@discordjs/ws';
import { GatewayIntentBits } from 'discord-api-types/v10';
import type { ShardSessionCache } from './session-cache';

export interface ShardManagerOptions {
  readonly token: string;
  readonly rest: REST;
  /** Total shards across all replicas; null asks Discord for its recommendation. */
  readonly shardCount: number | null;
  /** This replica's shards; null runs all of them. */
  readonly shardIds: readonly number[] | null;
  readonly sessions: ShardSessionCache;
  readonly buildThrottler: (manager: WebSocketManager) => IIdentifyThrottler;
  /** Run shards in worker threads, this many per worker; undefined keeps them on the main thread. */
  readonly shardsPerWorker?: number | 'all' | undefined;
}

export function createShardManager(options: ShardManagerOptions): WebSocketManager {
  const { sessions, shardsPerWorker } = options;
  return new WebSocketManager({
    token: options.token,
    rest: options.rest,
    // Interactions arrive whatever the intents; Guilds keeps the event volume small.
    intents: GatewayIntentBits.Guilds,
    shardCount: options.shardCount,
    shardIds: options.shardIds ? [...options.shardIds] : null,
    retrieveSessionInfo: (shardId) => sessions.retrieve(shardId),
    updateSessionInfo: (shardId, info) => sessions.update(shardId, info),
    buildIdentifyThrottler: (manager) => options.buildThrottler(manager),
    ...(shardsPerWorker === undefined
      ? {}
      : { buildStrategy: (manager) => workerStrategy(manager, shardsPerWorker) }),
  });
}

/**
 * WorkerShardingStrategy whose `destroy` resolves. In @discordjs/ws 2.0 it terminates a worker as soon
 * as the first of its shards reports "destroyed", so with two or more shards per worker the others
 * never report and `destroy` (hence a graceful shutdown) hangs. Here every shard's report is held until
 * all shards of the round have reported; only then are the workers terminated.
 */
function workerStrategy(manager: WebSocketManager, shardsPerWorker: number | 'all'): WorkerShardingStrategy {
  const strategy = new WorkerShardingStrategy(manager, { shardsPerWorker });
  (strategy as unknown as { destroyPromises: DestroyRound }).destroyPromises = new DestroyRound();
  return strategy;
}

/** Stands in for the strategy's map of "shard destroyed" callbacks (set / get()() / delete). */
class DestroyRound {
  private readonly waiting = new Map<number, () => void>();
  private readonly reported = new Set<number>();

  set(shardId: number, resolve: () => void): this {
    this.waiting.set(shardId, resolve);
    return this;
  }

  get(shardId: number): (() => void) | undefined {
    if (!this.waiting.has(shardId)) return undefined;
    return () => {
      this.reported.add(shardId);
      if ([...this.waiting.keys()].some((id) => !this.reported.has(id))) return;
      const resolvers = [...this.waiting.values()];
      this.waiting.clear();
      this.reported.clear();
      for (const resolve of resolvers) resolve();
    };
  }

  /** The strategy deletes a shard's callback right after calling it; the round keeps it until all report. */
  delete(_shardId: number): boolean {
    return true;
  }
}
