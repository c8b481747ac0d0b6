import { REST } from '@discordjs/rest';
import { connectNats, defineService, packageVersion, type ServiceContext } from '@timekeeper/service-kit';
import {
  AnsweredInteractions,
  GatewaySessionStore,
  IdentifyLog,
  LicenseVerdictStore,
  RedisIdentifyLock,
  connectGatewayRedis,
  inOneWrite,
} from '@timekeeper/storage/gateway';
import { checkGatewayConfig, gatewayEnv, type GatewayConfig } from './config';
import { interactionsEndpoint } from './http/interactions-endpoint';
import { publicKeyFromHex } from './http/signature';
import { LicenseGate } from './license/license-gate';
import { gatewayMetrics } from './metrics';
import { createRateLimitCheck } from './rate-limits';
import { registerCommands } from './registration/register';
import { CallbackClient } from './router/callback-client';
import { webhookDelivery } from './router/discord-delivery';
import { InteractionDispatcher } from './router/dispatcher';
import { RequestMux } from './router/request-mux';
import { GuardedIdentifyThrottler } from './shards/identify-throttler';
import { IdentifyGuard } from './shards/identify-guard';
import { createShardManager } from './shards/manager-factory';
import { ShardSessionCache } from './shards/session-cache';
import { ShardRunner } from './shards/shard-runner';

/** On shutdown, how long deferred interactions may still wait for their late answer. */
export const SHUTDOWN_LATE_ANSWER_GRACE_MS = 3_000;

export const gatewayService = defineService({
  name: 'gateway',
  version: packageVersion(__dirname),
  description:
    'Discord shards, the HTTP interactions endpoint, command registration and routing to the other services',
  env: gatewayEnv,
  setup: setupGateway,
});

async function setupGateway(ctx: ServiceContext<GatewayConfig>): Promise<void> {
  const { config, logger } = ctx;
  const target = checkGatewayConfig(config);
  const metrics = gatewayMetrics(ctx.metrics.registry);

  const redis = await connectGatewayRedis(config.REDIS_URL, { name: `gateway:${config.INSTANCE_ID}` });
  ctx.onClose(() => void redis.disconnect());
  ctx.addReadinessCheck('redis', () => {
    if (redis.status !== 'ready') throw new Error(`redis ${redis.status}`);
  });
  // A connection of its own for interaction requests: service-kit drains its connection before the
  // close hooks run, and interactions in flight at shutdown still need NATS to be answered.
  const router = await connectNats({
    url: config.NATS_URL,
    name: `gateway-router:${config.INSTANCE_ID}`,
    logger,
    noAsyncTraces: true,
  });
  ctx.addReadinessCheck('nats-router', () => {
    if (!router.isConnected()) throw new Error('not connected');
  });

  // Nothing below talks to Discord before the license gate allows it (the emulator needs no license).
  const license = new LicenseGate({
    nc: ctx.nc,
    store: new LicenseVerdictStore(redis),
    logger,
    target,
    graceMs: config.LICENSE_GRACE_PERIOD * 1000,
  });
  ctx.addReadinessCheck('license', license.readinessCheck);

  const rest = new REST({ api: config.DISCORD_API_URL });
  if (config.DISCORD_TOKEN) rest.setToken(config.DISCORD_TOKEN);
  const answered = new AnsweredInteractions(redis, {
    onError: (error) => logger.warn({ err: error }, 'could not remember an answered interaction'),
  });
  const rateLimit = createRateLimitCheck(redis, {
    user: config.RATE_LIMIT_USER,
    guild: config.RATE_LIMIT_GUILD,
  });
  const requests = new RequestMux(router.nc);
  const dispatcher = new InteractionDispatcher({
    requests,
    logger,
    metrics,
    late: webhookDelivery(rest),
    // The "answered" markers held by markSoon leave in the same Redis write as this check.
    rateLimit:
      rateLimit &&
      ((interaction) =>
        inOneWrite(redis, () => {
          void answered.flush();
          return rateLimit(interaction);
        })),
    onAnswered: (inbound) => {
      // Only gateway deliveries can be replayed by a RESUME.
      if (inbound.mode === 'ws') answered.markSoon(inbound.interaction.id);
    },
  });

  if (config.GATEWAY_MODE !== 'ws' && config.DISCORD_PUBLIC_KEY) {
    const publicKey = publicKeyFromHex(config.DISCORD_PUBLIC_KEY);
    ctx.addRoute(
      'POST',
      '/interactions',
      interactionsEndpoint({ publicKey, dispatcher, logger, licensed: () => license.allowed }),
    );
  }

  let runner: ShardRunner | undefined;
  let sessions: ShardSessionCache | undefined;
  if (config.GATEWAY_MODE !== 'http' && config.DISCORD_TOKEN) {
    sessions = new ShardSessionCache(new GatewaySessionStore(redis), logger);
    const guard = new IdentifyGuard(
      { floor: config.GATEWAY_IDENTIFY_FLOOR, perShard: config.GATEWAY_IDENTIFY_LIMIT },
      new IdentifyLog(redis),
      metrics,
      logger,
    );
    const lock = new RedisIdentifyLock(redis);
    const manager = createShardManager({
      token: config.DISCORD_TOKEN,
      rest,
      shardCount: config.DISCORD_SHARD_COUNT ?? null,
      shardIds: config.DISCORD_SHARD_IDS ?? null,
      sessions,
      buildThrottler: (built) => new GuardedIdentifyThrottler(built, lock, guard, logger),
      shardsPerWorker: config.GATEWAY_SHARDS_PER_WORKER,
    });
    const callbacks = new CallbackClient({ apiUrl: config.DISCORD_API_URL });
    ctx.onClose(() => callbacks.close());
    const shards = new ShardRunner({
      manager,
      callbacks,
      sessions,
      guard,
      dispatcher,
      answered,
      metrics,
      logger,
      mayConnect: (shardCount) => {
        license.setUsage({ shards: shardCount });
        return license.allowed;
      },
      onServerCount: (servers) => license.setUsage({ servers }),
    });
    runner = shards;
    ctx.addReadinessCheck('shards', () => {
      if (guard.blocked) throw new Error(`identify budget guard: ${guard.blocked}`);
      if (!shards.allReady()) throw new Error(`shards not ready: ${shards.notReadyShards().join(', ')}`);
    });
  }

  // Registration and shards wait for the license gate. Connecting can take a while (identify spacing);
  // the service is alive meanwhile and ready after. A license that stops being valid closes the
  // shards; valid again, they reconnect.
  let registration: Promise<void> | undefined;
  let serving: Promise<void> | undefined;
  const serveDiscord = async (): Promise<void> => {
    if (config.REGISTER_COMMANDS && config.DISCORD_APPLICATION_ID) {
      await (registration ??= registerAtStart(rest, config, logger));
    }
    runner?.start().catch((error: unknown) => logger.error({ err: error }, 'could not connect the shards'));
  };
  license.onChange((decision) => {
    if (decision.allowed) serving = serveDiscord();
    else
      runner
        ?.disconnect()
        .catch((error: unknown) => logger.error({ err: error }, 'could not close the shards'));
  });
  await license.start();
  await serving;

  ctx.onClose(async () => {
    license.stop();
    await runner?.stop();
    await dispatcher.drain(SHUTDOWN_LATE_ANSWER_GRACE_MS);
    await answered.flush();
    await sessions?.flush();
    await router.nc.drain().catch(() => router.nc.close());
  });
}

async function registerAtStart(
  rest: REST,
  config: GatewayConfig,
  logger: ServiceContext<GatewayConfig>['logger'],
) {
  try {
    const result = await registerCommands({
      rest,
      applicationId: config.DISCORD_APPLICATION_ID ?? '',
      guildId: config.DEV_GUILD_ID,
    });
    logger.info(result, result.changed ? 'commands registered' : 'commands already up to date');
  } catch (error) {
    // Serving interactions matters more than registration; the previous commands stay in place.
    logger.error({ err: error }, 'command registration failed');
  }
}
