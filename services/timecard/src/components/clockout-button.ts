/** "Clock out", offered with the "already clocked in" answer: only its owner may press it. */
import type { ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireOwner, requireSameGuild, type TimecardDeps } from '../deps';
import { clockOutFlow } from '../flows/clock';
import { replaceWith } from './reply';

export function clockOutButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const [guildId, userId] = scope.customId.args;
    requireSameGuild(scope, guildId);
    requireOwner(scope, userId);
    return replaceWith(await clockOutFlow(deps, scope));
  };
}
