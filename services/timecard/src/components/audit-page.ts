/** "Older" / "Newest" under the audit trail: shows another page in place. */
import type { ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { auditPage } from '../commands/timesheet-audit';
import { requireManager, requireSameGuild, type TimecardDeps } from '../deps';
import { replaceWith } from './reply';

export function auditPageButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const [guildId, userId, before] = scope.customId.args;
    requireSameGuild(scope, guildId);
    await requireManager(deps, scope);
    return replaceWith(await auditPage(deps, scope.guildId, userId || null, before || null));
  };
}
