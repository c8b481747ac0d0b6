import { createCustomIdCodec } from '@timekeeper/contracts';
import {
  clockFromEnv,
  connectServiceStorage,
  createDiscordApi,
  defineService,
  packageVersion,
  publishEvent,
  serveInteractions,
} from '@timekeeper/service-kit';
import { GuildDefaults } from '@timekeeper/storage';
import { ActivityLogPoster } from './workers/activity-log';
import { PostedMarks } from './workers/posted-marks';
import { ensureActivityConsumer, ensureEventStream } from './workers/event-stream';
import { buildRouter } from './router';
import { adminEnv } from './config';
import type { AdminDeps } from './deps';
import { replayedEvent } from './logic/replayed-events';

export const adminService = defineService({
  name: 'admin',
  version: packageVersion(__dirname),
  description: 'Categories, configuration, permissions, activity log and system health',
  env: adminEnv,
  setup: async (ctx) => {
    const { config, nc, logger } = ctx;
    const clock = clockFromEnv(config);
    const storage = await connectServiceStorage(ctx, clock, {
      // Writes journaled during a Redis outage get their events once they are applied.
      onReplayed: (command, outcome) => {
        const event = replayedEvent(command, outcome);
        if (event) publishEvent({ nc, logger, registry: ctx.metrics.registry }, event);
      },
      onReplayFailed: (entry, error) =>
        logger.error({ err: error, entry }, 'a journaled write could not be applied'),
    });

    await ensureEventStream(nc);
    await ensureActivityConsumer(nc);

    const discord = config.DISCORD_TOKEN
      ? createDiscordApi({ token: config.DISCORD_TOKEN, apiUrl: config.DISCORD_API_URL }).api
      : undefined;
    const deps: AdminDeps = {
      storage,
      codec: createCustomIdCodec({ secret: config.CUSTOM_ID_SECRET }),
      clock,
      nc,
      discord,
      defaults: new GuildDefaults(
        storage,
        (event) => publishEvent({ nc, logger, registry: ctx.metrics.registry }, event),
        logger,
      ),
      logger,
      registry: ctx.metrics.registry,
    };
    serveInteractions(ctx, 'admin', buildRouter(deps));

    if (discord) {
      const poster = await ActivityLogPoster.start({
        nc,
        storage,
        discord,
        marks: await PostedMarks.open(nc),
        logger: logger.child({ component: 'activity-log' }),
        registry: ctx.metrics.registry,
      });
      ctx.onClose(() => poster.stop().catch(() => undefined));
    } else {
      logger.warn('DISCORD_TOKEN is not set: the activity log will not be posted');
    }
  },
});
