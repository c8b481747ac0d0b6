import {
  connectServiceStorage,
  interactionTools,
  defineService,
  ensureJobStream,
  packageVersion,
  serveInteractions,
} from '@timekeeper/service-kit';
import { GuildDefaults } from '@timekeeper/storage';
import { ResultCache } from './cache';
import { analyticsEnv } from './config';
import type { AnalyticsDeps } from './deps';
import { customIds } from './ids';
import { analyticsMetrics } from './metrics';
import { ChartRenderer } from './render/charts';
import { MemberDirectory } from './flows/members';
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
    const { clock, codec, api } = interactionTools(config);
    const storage = await connectServiceStorage(ctx, clock);
    const metrics = analyticsMetrics(registry);
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
