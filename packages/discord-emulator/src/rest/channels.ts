import { DiscordApiError } from '../errors';
import type { Router } from '../router';
import type { ChannelRecord } from '../state';
import { channelView } from '../views';
import type { RestContext } from './context';

/** Channel lookup and message create / get / list / edit / delete. */
export function registerChannelRoutes(router: Router, ctx: RestContext): void {
  const channel = (id: string | undefined): ChannelRecord => {
    const found = id === undefined ? undefined : ctx.state.channels.get(id);
    if (!found) throw DiscordApiError.unknown('channel');
    return found;
  };

  router.add('GET', '/channels/:channelId', ({ params }) => {
    const found = channel(params.channelId);
    const recipient = found.recipientId ? ctx.state.users.get(found.recipientId) : undefined;
    return { status: 200, body: channelView(found, recipient) };
  });

  router.add('POST', '/channels/:channelId/messages', ({ params, body, files }) => {
    const record = ctx.messages.create(channel(params.channelId).id, body, files);
    return { status: 200, body: record.message };
  });

  router.add('GET', '/channels/:channelId/messages', ({ params, query }) => {
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    // Discord lists newest first.
    const messages = ctx.state.liveMessages(channel(params.channelId).id).reverse().slice(0, limit);
    return { status: 200, body: messages };
  });

  router.add('GET', '/channels/:channelId/messages/:messageId', ({ params }) => {
    const record = ctx.messages.get(channel(params.channelId).id, params.messageId ?? '');
    return { status: 200, body: record.message };
  });

  router.add('PATCH', '/channels/:channelId/messages/:messageId', ({ params, body, files }) => {
    const record = ctx.messages.get(channel(params.channelId).id, params.messageId ?? '');
    if (record.message.author.id !== ctx.world.botUserId) {
      throw new DiscordApiError(403, 50005, 'Cannot edit a message authored by another user');
    }
    return { status: 200, body: ctx.messages.edit(record, body, files).message };
  });

  router.add('DELETE', '/channels/:channelId/messages/:messageId', ({ params }) => {
    ctx.messages.delete(ctx.messages.get(channel(params.channelId).id, params.messageId ?? ''));
    return { status: 204 };
  });
}
