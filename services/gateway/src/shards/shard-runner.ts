/**
 * Runs this replica's shards: checks the identify budget before connecting, feeds INTERACTION_CREATE
 * dispatches to the dispatcher (answering over the callback endpoint), keeps the shard metrics, and on
 * shutdown closes the sockets so that the next process can RESUME.
 */
import { WebSocketShardEvents, type WebSocketManager } from '@discordjs/ws';
import { routeInteraction } from '@timekeeper/contracts';
import type { AnsweredInteractions } from '@timekeeper/storage/gateway';
import { GatewayDispatchEvents, type APIInteraction } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import type { GatewayMetrics } from '../metrics';
import type { CallbackClient } from '../router/callback-client';
import { callbackAnswer } from '../router/discord-delivery';
import type { InteractionDispatcher } from '../router/dispatcher';
import type { IdentifyGuard } from './identify-guard';
import type { ShardSessionCache } from './session-cache';

/** Close code that keeps the session resumable (1000/1001 would end it); @discordjs/ws uses it for resumes. */
export const RESUMABLE_CLOSE_CODE = 4200;
/** An interaction received later than this after Discord created it may be a RESUME replay. */
export const REPLAY_SUSPECT_AFTER_MS = 250;
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** When Discord created the object with this snowflake id (epoch ms). */
export function snowflakeTime(id: string): number {
  try {
    return Number((BigInt(id) >> 22n) + DISCORD_EPOCH_MS);
  } catch {
    return 0; // not a snowflake: treat as old, so it is checked
  }
}

/** Interaction ids remembered to drop a dispatch replayed within this process. */
const RECENT_IDS = 10_000;

export interface ShardRunnerOptions {
  readonly manager: WebSocketManager;
  readonly callbacks: CallbackClient;
  readonly sessions: ShardSessionCache;
  readonly guard: IdentifyGuard;
  readonly dispatcher: InteractionDispatcher;
  readonly answered: AnsweredInteractions;
  readonly metrics: GatewayMetrics;
  readonly logger: Logger;
  /** Asked once the shard count is known, before connecting (the license's shard limit); false stops. */
  readonly mayConnect?: (shardCount: number) => boolean;
  /** Told the number of servers this replica's shards are in, whenever it changes (the license's limit). */
  readonly onServerCount?: (servers: number) => void;
}

export class ShardRunner {
  private shardIds: number[] = [];
  private readonly ready = new Set<number>();
  private readonly recent = new Set<string>();
  private connected = false;
  private starting: Promise<boolean> | undefined;
  /** Servers the shards of this replica are in (from READY and GUILD_CREATE / GUILD_DELETE). */
  private readonly guilds = new Set<string>();

  constructor(private readonly options: ShardRunnerOptions) {
    const { manager, metrics, logger } = options;
    manager.on(WebSocketShardEvents.Dispatch, (payload, shardId) => {
      if (payload.t === GatewayDispatchEvents.InteractionCreate) {
        void this.onInteraction(payload.d, payload.s, shardId);
      } else if (payload.t === GatewayDispatchEvents.GuildCreate) {
        this.countServers(() => this.guilds.add(payload.d.id));
      } else if (payload.t === GatewayDispatchEvents.GuildDelete && !payload.d.unavailable) {
        this.countServers(() => this.guilds.delete(payload.d.id));
      }
    });
    const markReady = (shardId: number, how: string): void => {
      this.ready.add(shardId);
      metrics.shardStatus.set({ shard: String(shardId) }, 1);
      logger.info({ shardId }, `shard ${how}`);
    };
    manager.on(WebSocketShardEvents.Ready, (data, shardId) => {
      this.countServers(() => data.guilds.forEach((guild) => this.guilds.add(guild.id)));
      markReady(shardId, 'ready (identified)');
    });
    manager.on(WebSocketShardEvents.Resumed, (shardId) => markReady(shardId, 'resumed'));
    manager.on(WebSocketShardEvents.Closed, (code, shardId) => {
      this.ready.delete(shardId);
      metrics.shardStatus.set({ shard: String(shardId) }, 0);
      logger.warn({ shardId, code }, 'shard closed');
    });
    manager.on(WebSocketShardEvents.HeartbeatComplete, ({ latency }, shardId) =>
      metrics.heartbeatLatency.set({ shard: String(shardId) }, latency / 1000),
    );
    manager.on(WebSocketShardEvents.Error, (error, shardId) =>
      logger.warn({ err: error, shardId }, 'shard error'),
    );
  }

  /**
   * Connects unless the identify guard refuses. Returns false when it did not connect (the guard has
   * logged why and readiness reports it).
   */
  async start(): Promise<boolean> {
    // One connection attempt at a time (the license gate may allow again while one is under way).
    this.starting ??= this.connectOnce().finally(() => (this.starting = undefined));
    return this.starting;
  }

  private async connectOnce(): Promise<boolean> {
    if (this.connected) return true;
    const { manager, sessions, guard, logger, metrics } = this.options;
    const info = await manager.fetchGatewayInformation(true);
    const shardCount = await manager.getShardCount();
    if (this.options.mayConnect?.(shardCount) === false) return false;
    this.shardIds = await manager.getShardIds();
    for (const shardId of this.shardIds) metrics.shardStatus.set({ shard: String(shardId) }, 0);
    const toIdentify: number[] = [];
    for (const shardId of this.shardIds) {
      const session = await sessions.retrieve(shardId);
      if (!session || session.shardCount !== shardCount) toIdentify.push(shardId);
    }
    const verdict = await guard.check(info.session_start_limit.remaining, toIdentify);
    if (!verdict.allowed) return false;
    logger.info(
      { shardCount, shards: this.shardIds, resuming: this.shardIds.length - toIdentify.length },
      'connecting shards',
    );
    await manager.connect();
    this.connected = true;
    return true;
  }

  /** Every shard of this replica is connected and ready. */
  allReady(): boolean {
    return this.connected && this.shardIds.every((shardId) => this.ready.has(shardId));
  }

  notReadyShards(): number[] {
    return this.shardIds.filter((shardId) => !this.ready.has(shardId));
  }

  /**
   * Closes the sockets with a resumable code while the process keeps running (the license stopped being
   * valid); `start` connects again, resuming the stored sessions when Discord still allows it.
   */
  async disconnect(): Promise<void> {
    if (!this.connected) return;
    this.connected = false;
    await this.options.manager.destroy({ code: RESUMABLE_CLOSE_CODE, reason: 'not licensed' });
    await this.options.sessions.flush();
  }

  /** Closes the sockets with a resumable code, leaving the stored sessions for the successor. */
  async stop(): Promise<void> {
    const { manager, sessions } = this.options;
    await sessions.freeze();
    if (this.connected) {
      await manager.destroy({ code: RESUMABLE_CLOSE_CODE, reason: 'gateway restarting' });
      this.connected = false;
    }
  }

  private async onInteraction(interaction: APIInteraction, sequence: number, shardId: number): Promise<void> {
    const { sessions, dispatcher, answered, metrics, logger, callbacks } = this.options;
    const receivedAt = Date.now();
    const receivedAtNs = process.hrtime.bigint();
    if (this.recent.has(interaction.id)) return;
    this.remember(interaction.id);
    sessions.begin(shardId, sequence);
    try {
      // A RESUME replays what came after the stored sequence, and a previous process may have answered
      // some of it. Replays are late by nature, so only late interactions pay for the Redis lookup.
      // (The replica cannot tell replays by shard state: @discordjs/ws may emit RESUMED before them.)
      if (
        receivedAt - snowflakeTime(interaction.id) > REPLAY_SUSPECT_AFTER_MS &&
        (await answered.has(interaction.id).catch(() => false))
      ) {
        const route = routeInteraction(interaction);
        metrics.interactions.inc({ command: route.ok ? route.key : 'unknown', outcome: 'duplicate' });
        logger.info({ interactionId: interaction.id, shardId }, 'replayed interaction was already answered');
        return;
      }
      await dispatcher.dispatch(
        { interaction, shardId, mode: 'ws', receivedAt, receivedAtNs },
        callbackAnswer(callbacks, interaction),
      );
    } finally {
      sessions.end(shardId, sequence);
    }
  }

  private countServers(change: () => void): void {
    const before = this.guilds.size;
    change();
    if (this.guilds.size !== before) this.options.onServerCount?.(this.guilds.size);
  }

  private remember(interactionId: string): void {
    this.recent.add(interactionId);
    if (this.recent.size > RECENT_IDS) {
      const oldest = this.recent.values().next().value;
      if (oldest !== undefined) this.recent.delete(oldest);
    }
  }
}
