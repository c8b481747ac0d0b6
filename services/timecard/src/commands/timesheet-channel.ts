/** `/timesheet channel channel`: where members' `/request`s are posted for managers. */
import { contractEvents } from '@timekeeper/storage';
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { withStorageRefusals } from '@timekeeper/service-kit';
import { refuse } from '../flows/timesheet-input';

export function timesheetChannelCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    await requireManager(deps, scope);
    const channelId = scope.options.snowflake('channel');
    if (!channelId) refuse('Choose a text channel.');
    const patch = { reviewChannelId: channelId };
    const result = await withStorageRefusals(() =>
      deps.storage.updateSettings(scope.guildId, patch, {
        eventId: scope.interaction.id,
        now: deps.clock.now(),
        actor: scope.userId,
      }),
    );
    if (result.status === 'applied') {
      if (!result.outcome.ok) refuse(`That channel can't be used: ${result.outcome.message}.`);
      if (!result.replayed) deps.effects.publish(contractEvents.config(result.outcome, patch));
    }
    return respond.ephemeral(
      `Members' timesheet requests (\`/request\`) will be posted in <#${channelId}> with Approve / Deny.`,
    );
  };
}
