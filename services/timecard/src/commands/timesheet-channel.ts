/** `/timesheet channel channel`: where members' `/request`s are posted for managers. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { saveSettings } from '../flows/settings';
import { refuse } from '../flows/timesheet-input';

export function timesheetChannelCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    await requireManager(deps, scope);
    const channelId = scope.options.snowflake('channel');
    if (!channelId) refuse('Choose a text channel.');
    await saveSettings(deps, scope, { reviewChannelId: channelId });
    return respond.ephemeral(
      `Members' timesheet requests (\`/request\`) will be posted in <#${channelId}> with Approve / Deny.`,
    );
  };
}
