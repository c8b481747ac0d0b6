import { createCustomIdCodec } from '@timekeeper/contracts';
import {
  clockFromEnv,
  createDiscordApi,
  defineService,
  ensureJobStream,
  packageVersion,
  serveInteractions,
} from '@timekeeper/service-kit';
import { GuildDefaults, Storage } from '@timekeeper/storage';
import { ResultCache } from './cache';
import { analyticsEnv } from './config';
import type { AnalyticsDeps } from './deps';
import { customIds } from './ids';
import { createMetrics } from './metrics';
import { ChartRenderer } from './render/charts';
import { MemberDirectory } from './members';
import { buildRouter } from './router';
import { startEventWorkers } from './workers/events';
import { startRebuildWorker } from './workers/rebuild';

export const analyticsService = defineService({
  name: 'analytics',
  version: packageVersion(__dirname),
  description: 'Leaderboards, insights, productivity score, streaks and predictions',
  env: analyticsEnv,
  setup: async (ctx) => {
    const { config, logger, nc } = ctx;
    const registry = ctx.metrics.registry;
    const clock = clockFromEnv(config);
    const codec = createCustomIdCodec({ secret: config.CUSTOM_ID_SECRET });
    const { api } = createDiscordApi({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL });
    const storage = await Storage.connect({
      redisUrl: config.REDIS_URL,
      registry,
      nats: nc,
      now: () => clock.now(),
    });
    ctx.onClose(() => storage.close());
    ctx.addReadinessCheck('redis', () => {
      if (storage.breakerState === 'open') throw new Error('Redis unreachable');
    });
    const metrics = createMetrics(registry);
    const charts = new ChartRenderer(metrics);
    ctx.onClose(() => charts.close());
    const deps: AnalyticsDeps = {
      storage,
      nc,
      api,
      codec,
      ids: customIds(codec),
      clock,
      logger,
      cache: new ResultCache(metrics, () => clock.now()),
      charts,
      members: new MemberDirectory(api, metrics, () => clock.now()),
      metrics,
    };
    await ensureJobStream(nc);
    const events = startEventWorkers(deps);
    ctx.onClose(() => events.stop());
    const rebuild = await startRebuildWorker(deps, registry);
    ctx.onClose(() => rebuild.stop());
    const router = buildRouter(deps);
    // A guild's first interaction with Timekeeper, whichever service gets it, gives it work/break/meeting.
    const defaults = new GuildDefaults(storage, () => undefined, logger);
    router.beforeEach((scope) => defaults.ensure(scope.guildId, scope.userId, clock.now()));
    serveInteractions(ctx, 'analytics', router);
  },
});
