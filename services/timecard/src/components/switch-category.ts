/** "Switch to <category>", offered when a member who is clocked in asks to clock in elsewhere. */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, type ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireOwner, requireSameGuild, type TimecardDeps } from '../deps';
import { switchFlow } from '../flows/clock';
import { categoryRef } from '../ids';
import { replaceWith } from './reply';

export function switchCategoryButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const [guildId, userId, ref] = scope.customId.args;
    requireSameGuild(scope, guildId);
    requireOwner(scope, userId);
    const { categories } = await loadCategories(deps, scope.guildId);
    const target = categories.find((c) => categoryRef(c.key) === ref);
    if (!target) {
      throw new InteractionError(ErrorCode.NOT_FOUND, 'That category no longer exists. Nothing was changed.');
    }
    return replaceWith(await switchFlow(deps, scope, target.key, 'button'));
  };
}
