/** The benchmark's echo service: answers `/clockin` at once. Run as its own process by gateway-bench. */
import { createCustomIdCodec } from '@timekeeper/contracts';
import {
  InteractionRouter,
  defineService,
  envFields,
  respond,
  runService,
  serveInteractions,
} from '@timekeeper/service-kit';

void runService(
  defineService({
    name: 'timecard',
    version: '0.0.0',
    description: 'benchmark echo',
    env: { CUSTOM_ID_SECRET: envFields.customIdSecret() },
    setup: (ctx) => {
      const codec = createCustomIdCodec({ secret: ctx.config.CUSTOM_ID_SECRET });
      const router = new InteractionRouter(codec, ctx.logger);
      router.command('clockin', async () => respond.ephemeral('echo'));
      serveInteractions(ctx, 'timecard', router);
    },
  }),
);
