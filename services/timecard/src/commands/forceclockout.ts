/**
 * `/forceclockout user [reason]`: a manager ends someone else's session. The actor and reason are
 * stored with the session, the member gets a DM (job), and the event feeds the activity log.
 */
import { ErrorCode, TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import {
  InteractionError,
  isManager,
  respond,
  type CommandScope,
  readValue,
  userText,
  withStorageRefusals,
} from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, type TimecardDeps } from '../deps';
import { savedLaterView } from '../views/clock';
import { forcedView, targetNotClockedIn } from '../views/forceclockout';

export function forceclockoutCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = readValue(await deps.storage.getSettings(scope.guildId));
    if (!isManager(scope.member, settings.managerRoleIds)) {
      throw new InteractionError(
        ErrorCode.FORBIDDEN,
        'Only managers (Manage Server, Administrator or a manager role) can clock someone else out. Nothing was changed.',
      );
    }
    const targetId = scope.options.snowflake('user');
    if (!targetId) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Choose the member to clock out.');
    const reason = userText(scope.options.string('reason'), TIMEKEEPER_LIMITS.reason, 'The reason') ?? null;
    const result = await withStorageRefusals(() =>
      deps.storage.forceClockOut(
        { guildId: scope.guildId, userId: targetId },
        {
          eventId: scope.interaction.id,
          now: deps.clock.now(),
          actor: scope.userId,
          ...(reason ? { reason } : {}),
        },
      ),
    );
    if (result.status === 'journaled') return respond.ephemeral(savedLaterView('forced clock-out'));
    const outcome = result.outcome;
    if (!outcome.ok) {
      if (outcome.code === 'NOT_CLOCKED_IN') return respond.ephemeral(targetNotClockedIn(targetId));
      throw new InteractionError(
        outcome.code === 'INVALID_INPUT' ? ErrorCode.INVALID_INPUT : ErrorCode.CONFLICT,
        `That clock-out was refused: ${outcome.message}`,
      );
    }
    const link = scope.channelId ? `https://discord.com/channels/${scope.guildId}/${scope.channelId}` : null;
    const effects = await deps.effects.afterForced(outcome, link);
    const { names } = await loadCategories(deps, scope.guildId);
    return respond.ephemeral(
      forcedView({
        names,
        session: outcome.session,
        reason,
        capped: outcome.capped,
        notified: !effects.failedKinds.includes('dm.send'),
      }),
    );
  };
}
