/** `/clockout`: end your session and see what was credited. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { TimecardDeps } from '../deps';
import { clockOutFlow } from '../flows/clock';

export function clockoutCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> =>
    respond.ephemeral(await clockOutFlow(deps, scope));
}
