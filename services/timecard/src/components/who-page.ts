/** ◀ ▶ on the "who's clocked in" list: shows another page in place. */
import type { ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { whoClockedPage } from '../commands/whoclocked';
import { requireSameGuild, type TimecardDeps } from '../deps';
import { replaceWith } from './reply';

export function whoPageButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const [guildId, page] = scope.customId.args;
    requireSameGuild(scope, guildId);
    return replaceWith(await whoClockedPage(deps, scope.guildId, Number(page ?? 0)));
  };
}
