/**
 * `/timesheet target-reminder hours`: DM members below their target this many hours before the local
 * week or month ends (0 turns it off).
 */
import { TARGET_PERIODS } from '@timekeeper/contracts';
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { saveSettings } from '../flows/settings';
import { queueTargetReminder } from '../flows/targets';
import { refuse } from '../flows/timesheet-input';

export function timesheetTargetReminderCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    await requireManager(deps, scope);
    const hours = scope.options.number('hours');
    if (hours === undefined || !Number.isInteger(hours) || hours < 0 || hours > 168) {
      refuse('The reminder is 1 to 168 whole hours before the period ends, or 0 for off.');
    }
    const saved = await saveSettings(deps, scope, { targetReminderHours: hours === 0 ? null : hours });
    if (hours === 0) return respond.ephemeral('Target reminders are off.');
    const now = deps.clock.now();
    if (saved) {
      for (const period of TARGET_PERIODS)
        await queueTargetReminder(deps.nc, scope.guildId, saved, period, now, now);
    }
    return respond.ephemeral(
      `⏰ Members below their target get a DM ${hours} hours before the week or month ends (once per period).`,
    );
  };
}
