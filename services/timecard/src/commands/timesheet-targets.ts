/** `/timesheet targets`: members below their weekly or monthly target so far. */
import { TARGET_PERIODS } from '@timekeeper/contracts';
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { targetStandings } from '../flows/targets';
import { targetsView } from '../views/pay';

export function timesheetTargetsCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const now = deps.clock.now();
    const periods = await Promise.all(
      TARGET_PERIODS.map((period) => targetStandings(deps, scope.guildId, settings, period, now, now)),
    );
    return respond.ephemeral(targetsView(periods));
  };
}
