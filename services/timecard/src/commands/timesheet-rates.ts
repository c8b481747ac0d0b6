/** `/timesheet rates`: the currency, every hourly rate, the targets and the target reminder. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { ratesView } from '../views/pay';

export function timesheetRatesCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const { names } = await loadCategories(deps, scope.guildId);
    return respond.ephemeral(ratesView(settings, names));
  };
}
