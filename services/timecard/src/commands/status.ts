/** `/status`: your running session, or your totals when clocked out. */
import { respond, type InteractionScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { TimecardDeps } from '../deps';
import { statusInput } from '../flows/clock';
import { statusEmbed } from '../views/status';

/** Also answers the dashboards' "My stats" button. */
export function statusCommand(deps: TimecardDeps) {
  return async (scope: InteractionScope): Promise<APIInteractionResponse> =>
    respond.ephemeral({ embeds: [statusEmbed(await statusInput(deps, scope))] });
}
