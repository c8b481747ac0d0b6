/**
 * `/dashboard [personal]`: a private dashboard (ephemeral), or a shared one posted in the channel —
 * managers only, one per channel; posting again replaces the old message.
 */
import { DiscordAPIError } from '@discordjs/rest';
import { ErrorCode } from '@timekeeper/contracts';
import {
  InteractionError,
  isManager,
  respond,
  type CommandScope,
  readValue,
  STORAGE_UNAVAILABLE_MESSAGE,
} from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { TimecardDeps } from '../deps';
import { renderSharedDashboard } from '../flows/dashboard';
import { statusInput } from '../flows/clock';
import { personalDashboardView } from '../views/dashboard';

const CANNOT_POST =
  "I can't post in this channel. Check that Timekeeper can view it, send messages and embed links here.";

export function dashboardCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    if (scope.options.boolean('personal') === true) {
      const input = await statusInput(deps, scope);
      return respond.ephemeral(personalDashboardView({ ...input, ids: deps.ids.dashboard(scope.guildId) }));
    }
    const settings = readValue(await deps.storage.getSettings(scope.guildId));
    if (!isManager(scope.member, settings.managerRoleIds)) {
      throw new InteractionError(
        ErrorCode.FORBIDDEN,
        'Only managers can post a shared dashboard. Use `/dashboard personal:true` for your own. Nothing was changed.',
      );
    }
    const channelId = scope.channelId;
    if (!channelId) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Run this in a text channel.');
    const body = await renderSharedDashboard(deps, scope.guildId);
    let messageId: string;
    try {
      const message = await deps.api.channels.createMessage(channelId, {
        ...body,
        allowed_mentions: { parse: [] },
      });
      messageId = message.id;
    } catch (error) {
      if (error instanceof DiscordAPIError && error.status < 500) {
        throw new InteractionError(ErrorCode.FORBIDDEN, CANNOT_POST);
      }
      throw error;
    }
    let previous;
    try {
      previous = await deps.storage.saveDashboard({
        guildId: scope.guildId,
        channelId,
        messageId,
        createdBy: scope.userId,
        createdAt: deps.clock.now(),
      });
    } catch (error) {
      // Not recorded means never refreshed: take the message down rather than leave a stale one.
      await deps.api.channels.deleteMessage(channelId, messageId).catch(() => undefined);
      scope.logger.error({ err: error }, 'could not record dashboard');
      throw new InteractionError(ErrorCode.UNAVAILABLE, STORAGE_UNAVAILABLE_MESSAGE);
    }
    let replaced = '';
    if (previous && previous.messageId !== messageId) {
      await deps.api.channels.deleteMessage(previous.channelId, previous.messageId).catch(() => undefined);
      replaced = ' It replaces the one that was here before.';
    }
    return respond.ephemeral(
      `Posted a shared dashboard in this channel.${replaced} Its buttons work for everyone, keep working after restarts, and it updates itself as people clock in and out.`,
    );
  };
}
