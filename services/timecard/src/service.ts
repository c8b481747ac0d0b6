import {
  connectServiceStorage,
  interactionTools,
  defineService,
  ensureJobStream,
  packageVersion,
  publishEvent,
  serveInteractions,
} from '@timekeeper/service-kit';
import { GuildDefaults } from '@timekeeper/storage';
import { DefaultDebouncerOptions, type DebouncerOptions } from './workers/dashboard-debouncer';
import { DashboardRefresher } from './workers/dashboard-refresher';
import { timecardEnv } from './config';
import type { TimecardDeps } from './deps';
import { ClockEffects } from './flows/effects';
import { customIds } from './ids';
import { buildRouter } from './router';
import { registerWorkerInteractions, startTimecardWorkers, type WorkerDeps } from './workers';

/** Longest wait for a job that is not yet due while the clock can be moved (CLOCK_OFFSET_FILE). */
const MOVABLE_CLOCK_MAX_WAIT_MS = 1_000;

export interface TimecardOptions {
  /** Debouncing of shared dashboard edits (default: at most one edit per message every 5 s). */
  readonly dashboardRefresh?: DebouncerOptions;
}

/** The timecard service; tests pass options (e.g. a shorter dashboard refresh interval). */
export function createTimecardService(options: TimecardOptions = {}) {
  return defineService({
    name: 'timecard',
    version: packageVersion(__dirname),
    description: 'Clock in and out, status, dashboards, force clock-out, roles, reminders and auto clock-out',
    env: timecardEnv,
    setup: async (ctx) => {
      const { config, logger, nc } = ctx;
      const registry = ctx.metrics.registry;
      const { clock, codec, api } = interactionTools(config);

      // Writes accepted during a Redis outage are applied later; their events and jobs follow then.
      const late: { effects?: ClockEffects } = {};
      const storage = await connectServiceStorage(ctx, clock, {
        onReplayed: (command, outcome) => {
          void late.effects?.afterReplay(command, outcome).catch((error: unknown) => {
            logger.error({ err: error, op: command.op }, 'effects of a replayed write failed');
          });
        },
        onReplayFailed: (entry, error) =>
          logger.error({ err: error, entry }, 'journaled write could not be applied'),
      });

      const effects = new ClockEffects({ nc, storage, logger, registry, now: () => clock.now() });
      late.effects = effects;
      await ensureJobStream(nc);

      const deps: TimecardDeps = { storage, nc, api, codec, ids: customIds(codec), clock, logger, effects };
      const router = buildRouter(deps);
      // A guild's first interaction with Timekeeper, whichever service gets it, gives it work/break/meeting.
      const defaults = new GuildDefaults(
        storage,
        (event) => publishEvent({ nc, logger, registry }, event),
        logger,
      );
      router.beforeEach((scope) => defaults.ensure(scope.guildId, scope.userId, clock.now()));
      const workerDeps: WorkerDeps = { nc, storage, api, codec, clock, logger, registry };
      registerWorkerInteractions(router, workerDeps);

      const refresher = new DashboardRefresher(
        deps,
        registry,
        options.dashboardRefresh ?? DefaultDebouncerOptions,
      );
      refresher.start();
      ctx.onClose(() => refresher.stop());

      // A clock moved with CLOCK_OFFSET_FILE can jump at any moment: look at jobs that are not yet due
      // every second instead of every minute, so reminders and checks follow the jump at once.
      const workers = await startTimecardWorkers(
        workerDeps,
        config.CLOCK_OFFSET_FILE ? { maxWaitMs: MOVABLE_CLOCK_MAX_WAIT_MS } : {},
      );
      ctx.onClose(() => workers.stop());

      serveInteractions(ctx, 'timecard', router);
    },
  });
}

export const timecardService = createTimecardService();
