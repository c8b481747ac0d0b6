/** The category menu a dashboard's "Clock in" opens: choosing one clocks the member in. */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, type ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireOwner, requireSameGuild, type TimecardDeps } from '../deps';
import { clockInFlow } from '../flows/clock';
import { replaceWith } from './reply';

export function categoryMenu(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const [guildId, userId] = scope.customId.args;
    requireSameGuild(scope, guildId);
    requireOwner(scope, userId);
    const category = scope.values[0];
    if (!category) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Pick a category from the menu.');
    return replaceWith(await clockInFlow(deps, scope, { category, source: 'select' }));
  };
}
