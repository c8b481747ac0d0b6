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
      : { buildStrategy: (manager) => new WorkerShardingStrategy(manager, { shardsPerWorker }) }),
  });
}
