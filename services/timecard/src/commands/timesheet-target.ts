/** `/timesheet target role period hours`: a role's weekly or monthly target (0 removes it). */
import { formatDecimalHours, MAX_TARGET_MINUTES, type TargetPeriod } from '@timekeeper/contracts';
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { saveSettings } from '../flows/settings';
import { queueTargetReminder } from '../flows/targets';
import { refuse } from '../flows/timesheet-input';

export function timesheetTargetCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const roleId = scope.options.snowflake('role');
    const period = scope.options.string('period');
    const hours = scope.options.number('hours');
    if (!roleId) refuse('Choose the role.');
    if (period !== 'week' && period !== 'month') refuse('Choose `week` or `month`.');
    if (hours === undefined || !Number.isFinite(hours) || hours < 0) refuse('Give the hours, 0 or more.');
    const kind: TargetPeriod = period;
    if (hours === 0) {
      if (!settings.targets[roleId]) refuse(`<@&${roleId}> has no target.`);
      await saveSettings(deps, scope, { targets: { [roleId]: null } });
      return respond.ephemeral(`Removed the target of <@&${roleId}>.`);
    }
    const minutes = Math.round(hours * 60);
    const max = MAX_TARGET_MINUTES[kind];
    if (minutes < 1 || minutes > max) {
      refuse(`A ${kind}ly target is between 1 minute and ${max / 60} hours.`);
    }
    const saved = await saveSettings(deps, scope, { targets: { [roleId]: { period: kind, minutes } } });
    const now = deps.clock.now();
    if (saved) await queueTargetReminder(deps.nc, scope.guildId, saved, kind, now, now);
    return respond.ephemeral(
      `🎯 <@&${roleId}>: **${formatDecimalHours(minutes * 60_000)} h** a ${kind}. Members see their progress in \`/status\`; \`/timesheet targets\` shows who is below.`,
    );
  };
}
