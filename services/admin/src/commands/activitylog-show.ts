import { respond } from '@timekeeper/service-kit';
import { readSettings, requireManager } from '../flows/access';
import { classifyPostError } from '../logic/rest-errors';
import type { AdminDeps } from '../deps';
import { channelMention } from '../views/text';
import type { CommandHandler } from './shared';

const CHECK_TIMEOUT_MS = 1_000;

/** `/activitylog show`: where the log goes, and whether that channel still exists. */
export function activitylogShow(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const channelId = (await readSettings(deps, scope.guildId)).activityLogChannelId;
    if (channelId === null) {
      return respond.ephemeral(
        '📋 The activity log is off. Turn it on with `/activitylog set channel:#channel`.',
      );
    }
    let warning = '';
    if (deps.discord) {
      try {
        await deps.discord.channels.get(channelId, { signal: AbortSignal.timeout(CHECK_TIMEOUT_MS) });
      } catch (error) {
        const failure = classifyPostError(error);
        if (failure.kind === 'permanent') {
          warning = `\n⚠️ ${failure.userMessage[0]?.toUpperCase()}${failure.userMessage.slice(1)}. Pick a new channel with \`/activitylog set\`.`;
        }
      }
    }
    return respond.ephemeral(
      `📋 The activity log goes to ${channelMention(channelId)}: clock-ins, clock-outs, forced clock-outs, switches and corrections.${warning}`,
    );
  };
}
