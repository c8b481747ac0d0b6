import { ChannelType } from 'discord-api-types/v10';
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import { classifyPostError } from '../logic/rest-errors';
import type { AdminDeps } from '../deps';
import { channelMention, userMention } from '../views/text';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

const TEST_POST_TIMEOUT_MS = 1_500;
const POSTABLE = new Set<number>([ChannelType.GuildText, ChannelType.GuildAnnouncement]);

/**
 * `/activitylog set channel`: posts a test line first. If Discord says the bot can never post there
 * (missing access, unknown channel), nothing is saved and the reply says why; if Discord is only
 * slow or failing, the channel is saved and the reply says the test could not be confirmed.
 */
export function activitylogSet(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const channelId = scope.options.snowflake('channel');
    if (!channelId) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Pick a text channel.');
    const resolved = scope.interaction.data.resolved;
    const channel = resolved && 'channels' in resolved ? resolved.channels?.[channelId] : undefined;
    if (channel && !POSTABLE.has(channel.type)) {
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        'The activity log needs a text or announcement channel.',
      );
    }
    let note: string;
    if (!deps.discord) {
      note =
        "ℹ️ Timekeeper's bot token isn't configured for the activity log yet, so nothing will be posted until it is.";
    } else {
      try {
        await deps.discord.channels.createMessage(
          channelId,
          {
            embeds: [
              {
                title: 'Activity log connected',
                description: `Clock-ins, clock-outs, forced clock-outs and corrections will appear here.\nSet by ${userMention(scope.userId)}.`,
                color: 0x3498db,
              },
            ],
            allowed_mentions: { parse: [] },
          },
          { signal: AbortSignal.timeout(TEST_POST_TIMEOUT_MS) },
        );
        note = `A test line was posted in ${channelMention(channelId)}.`;
      } catch (error) {
        const failure = classifyPostError(error);
        scope.logger.info({ channelId, reason: failure.reason }, 'activity log test post failed');
        if (failure.kind === 'permanent') {
          throw new InteractionError(
            ErrorCode.FORBIDDEN,
            `I can't post in ${channelMention(channelId)}: ${failure.userMessage}. Nothing was changed. ` +
              'Give Timekeeper View Channel, Send Messages and Embed Links there, or pick another channel.',
          );
        }
        note = `⚠️ Discord didn't confirm the test post in ${channelMention(channelId)} (${failure.reason}). The channel is saved; check that a test line appears.`;
      }
    }
    const committed = await saveSettings(deps, scope, { activityLogChannelId: channelId });
    return confirm(committed, `📋 The activity log now goes to ${channelMention(channelId)}. ${note}`);
  };
}
