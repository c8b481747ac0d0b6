/** `/clockin category [description]`: start a session in a category. */
import { TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { respond, userText, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { TimecardDeps } from '../deps';
import { clockInFlow } from '../flows/clock';

export function clockinCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const category = scope.options.string('category') ?? '';
    const description = userText(
      scope.options.string('description'),
      TIMEKEEPER_LIMITS.sessionDescription,
      'A session description',
    );
    return respond.ephemeral(await clockInFlow(deps, scope, { category, description, source: 'command' }));
  };
}
