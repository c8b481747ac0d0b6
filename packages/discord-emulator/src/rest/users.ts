import { DiscordApiError } from '../errors';
import type { Router } from '../router';
import { channelView } from '../views';
import { bodyObject, type RestContext } from './context';

/** `/users/@me`, DM channels, and the gateway discovery routes. */
export function registerUserRoutes(router: Router, ctx: RestContext): void {
  router.add('GET', '/users/@me', () => ({ status: 200, body: ctx.world.botUser() }));

  router.add('GET', '/users/:userId', ({ params }) => {
    const user = ctx.state.users.get(params.userId ?? '');
    if (!user) throw DiscordApiError.unknown('user');
    return {
      status: 200,
      body: {
        id: user.id,
        username: user.username,
        discriminator: '0',
        global_name: user.globalName,
        avatar: null,
      },
    };
  });

  router.add('POST', '/users/@me/channels', ({ body }) => {
    const recipient = bodyObject(body).recipient_id;
    if (typeof recipient !== 'string' || !ctx.state.users.has(recipient))
      throw DiscordApiError.unknown('user');
    const channel = ctx.world.dmChannelFor(recipient);
    return { status: 200, body: channelView(channel, ctx.world.requireUser(recipient)) };
  });

  router.add('GET', '/gateway', () => ({ status: 200, body: { url: ctx.gatewayUrl() } }), { auth: false });

  router.add('GET', '/gateway/bot', () => ({
    status: 200,
    body: {
      url: ctx.gatewayUrl(),
      shards: ctx.recommendedShards,
      session_start_limit: ctx.sessionStartLimit(),
    },
  }));

  router.add('GET', '/applications/@me', () => ({
    status: 200,
    body: {
      id: ctx.applicationId,
      name: ctx.world.botUser().username,
      bot: ctx.world.botUser(),
      flags: 0,
      description: '',
    },
  }));
}
