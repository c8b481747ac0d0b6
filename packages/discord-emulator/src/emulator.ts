import { generateKeyPairSync } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EmulatorClient } from './control/client';
import { registerControlRoutes } from './control/routes';
import type { EmulatorInfo, InjectInteractionInput, InjectedInteraction } from './control/types';
import { GatewayServer } from './gateway/server';
import { createRequestHandler } from './http-server';
import { InteractionBuilder } from './interactions/builder';
import { InteractionDelivery } from './interactions/delivery';
import { InteractionResponder } from './interactions/responder';
import { MessageService } from './messages';
import {
  DefaultEmulatorOptions,
  type EmulatorOptions,
  type EmulatorStartOptions,
  type SigningKeyPair,
} from './options';
import { FaultInjector, RateLimiter } from './ratelimit';
import { registerChannelRoutes } from './rest/channels';
import { registerCommandRoutes } from './rest/commands';
import type { RestContext } from './rest/context';
import { registerGuildRoutes } from './rest/guilds';
import { registerInteractionRoutes } from './rest/interactions';
import { registerUserRoutes } from './rest/users';
import { registerWebhookRoutes } from './rest/webhooks';
import { Router } from './router';
import { SnowflakeGenerator } from './snowflake';
import { EmulatorState, type InteractionEventListener } from './state';
import { World } from './world';

/** A Discord REST + gateway emulator on one port, driven by `control`. */
export class DiscordEmulator {
  public readonly url: string;
  public readonly apiUrl: string;
  public readonly gatewayUrl: string;
  public readonly control: EmulatorClient;
  /** Hex of the raw Ed25519 public key that verifies signed interaction deliveries. */
  public readonly publicKey: string;
  private clockOffset = 0;
  private endpointUrl: string | null;
  private sessionStarts: { remaining: number; resetAt: number };

  private constructor(
    private readonly options: EmulatorOptions,
    private readonly server: Server,
    public readonly port: number,
    private readonly state: EmulatorState,
    private readonly gateway: GatewayServer,
    keys: SigningKeyPair,
    private readonly injectInProcess: (input: InjectInteractionInput) => Promise<InjectedInteraction>,
  ) {
    this.url = `http://${options.host}:${port}`;
    this.apiUrl = `${this.url}/api`;
    this.gatewayUrl = `ws://${options.host}:${port}/gateway`;
    this.control = new EmulatorClient(this.url);
    this.publicKey = rawPublicKeyHex(keys);
    this.endpointUrl = options.interactionsEndpointUrl;
    this.sessionStarts = {
      remaining: options.sessionStartLimit,
      resetAt: Date.now() + options.sessionStartResetAfter,
    };
  }

  public get botToken(): string {
    return this.options.botToken;
  }

  public get applicationId(): string {
    return this.options.applicationId;
  }

  public get botUserId(): string {
    return this.options.botUserId;
  }

  /** The emulator's notion of now: the injected clock plus any `advanceClock`. */
  public now(): number {
    return this.options.clock() + this.clockOffset;
  }

  /** Moves the emulator's clock forward (e.g. past the 3 s or 15 min interaction deadlines). */
  public advanceClock(ms: number): number {
    this.clockOffset += ms;
    return this.now();
  }

  public info(): EmulatorInfo {
    return {
      url: this.url,
      apiUrl: this.apiUrl,
      gatewayUrl: this.gatewayUrl,
      botToken: this.botToken,
      applicationId: this.applicationId,
      botUserId: this.botUserId,
      publicKey: this.publicKey,
      interactionsEndpointUrl: this.endpointUrl,
      now: this.now(),
    };
  }

  public static async start(startOptions: EmulatorStartOptions = {}): Promise<DiscordEmulator> {
    const options: EmulatorOptions = { ...DefaultEmulatorOptions, ...startOptions };
    const keys = options.signingKeyPair ?? generateKeyPairSync('ed25519');
    const state = new EmulatorState();
    const ids = new SnowflakeGenerator();
    const world = new World(state, ids, { userId: options.botUserId, username: options.botUsername });
    // `started.emulator` is set right after listen(); the closures below only run once requests arrive.
    const started: { emulator?: DiscordEmulator } = {};
    const emulator = (): DiscordEmulator => {
      if (!started.emulator) throw new Error('Emulator not started');
      return started.emulator;
    };
    const now = (): number => emulator().now();
    const messages = new MessageService(
      state,
      ids,
      () => world.botUser(),
      options.applicationId,
      () => emulator().url,
    );
    const responder = new InteractionResponder(state, messages, {
      now,
      enforceDeadlines: options.enforceDeadlines,
    });
    const gateway = new GatewayServer({
      botToken: options.botToken,
      applicationId: options.applicationId,
      heartbeatInterval: options.heartbeatInterval,
      replayBufferSize: options.replayBufferSize,
      gatewayUrl: () => emulator().gatewayUrl,
      botUser: () => world.botUser(),
      guildIdsForShard: (shardId, count) => world.guildIdsForShard(shardId, count),
      guildCreatePayload: (guildId) => world.guildCreatePayload(guildId),
      consumeSessionStart: () => emulator().consumeSessionStart(),
      changed: () => state.changed(),
    });
    const shardCount = (): number => gateway.identifiedShardCount() ?? options.recommendedShards;
    const restContext: RestContext = {
      state,
      world,
      messages,
      responder,
      gateway,
      applicationId: options.applicationId,
      gatewayUrl: () => emulator().gatewayUrl,
      recommendedShards: options.recommendedShards,
      sessionStartLimit: () => emulator().sessionStartLimit(),
    };
    const rest = new Router();
    for (const register of [
      registerUserRoutes,
      registerChannelRoutes,
      registerGuildRoutes,
      registerCommandRoutes,
      registerInteractionRoutes,
      registerWebhookRoutes,
    ]) {
      register(rest, restContext);
    }
    const faults = new FaultInjector();
    const control = new Router();
    const delivery = new InteractionDelivery(state, gateway, responder, {
      now,
      privateKey: keys.privateKey,
      recommendedShards: options.recommendedShards,
      endpointUrl: () => emulator().endpointUrl,
    });
    const builder = new InteractionBuilder(world, messages, options.applicationId, now);
    registerControlRoutes(control, {
      world,
      gateway,
      builder,
      delivery,
      faults,
      info: () => emulator().info(),
      advanceClock: (ms) => emulator().advanceClock(ms),
      setInteractionsEndpoint: (url) => {
        emulator().endpointUrl = url;
      },
      shardCount,
    });
    const server = createServer(
      createRequestHandler({
        rest,
        control,
        state,
        botToken: options.botToken,
        faults,
        rateLimiter: new RateLimiter(options.rateLimit.limit, options.rateLimit.windowMs),
        attachment: (channelId, attachmentId) => {
          for (const record of state.messages.values()) {
            const file = record.files.find((f) => f.id === attachmentId && f.channelId === channelId);
            if (file) return { bytes: file.bytes, contentType: file.contentType };
          }
          return undefined;
        },
      }),
    );
    server.on('upgrade', (request, socket, head) => gateway.handleUpgrade(request, socket, head));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port, options.host, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const inject = (input: InjectInteractionInput): Promise<InjectedInteraction> =>
      delivery.deliver(builder.build(input), input.delivery);
    started.emulator = new DiscordEmulator(options, server, port, state, gateway, keys, inject);
    return started.emulator;
  }

  /**
   * The same as `control.inject`, without the HTTP round trip: for a load generator sharing this
   * process, whose CPU would otherwise be taken from the system being measured.
   */
  public inject(input: InjectInteractionInput): Promise<InjectedInteraction> {
    return this.injectInProcess(input);
  }

  /**
   * In-process observers for load generators: `onInteractionEvent` reports each answer, edit or
   * follow-up as it is recorded, and `forget` drops an interaction that is no longer needed, so a long
   * run does not keep every interaction (and its message) in memory.
   */
  public onInteractionEvent(listener: InteractionEventListener): () => void {
    return this.state.onInteractionEvent(listener);
  }

  public forget(interactionId: string): void {
    this.state.forgetInteraction(interactionId);
  }

  /** Stops the gateway and HTTP server, dropping every connection. */
  public async close(): Promise<void> {
    this.state.dispose();
    await this.gateway.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private sessionStartLimit(): {
    total: number;
    remaining: number;
    reset_after: number;
    max_concurrency: number;
  } {
    this.refreshSessionStarts();
    return {
      total: this.options.sessionStartLimit,
      remaining: this.sessionStarts.remaining,
      reset_after: Math.max(0, this.sessionStarts.resetAt - Date.now()),
      max_concurrency: this.options.maxConcurrency,
    };
  }

  private consumeSessionStart(): boolean {
    this.refreshSessionStarts();
    if (this.sessionStarts.remaining <= 0) return false;
    this.sessionStarts.remaining--;
    return true;
  }

  private refreshSessionStarts(): void {
    if (Date.now() < this.sessionStarts.resetAt) return;
    this.sessionStarts = {
      remaining: this.options.sessionStartLimit,
      resetAt: Date.now() + this.options.sessionStartResetAfter,
    };
  }
}

function rawPublicKeyHex(keys: SigningKeyPair): string {
  const jwk = keys.publicKey.export({ format: 'jwk' });
  return Buffer.from(jwk.x ?? '', 'base64url').toString('hex');
}
