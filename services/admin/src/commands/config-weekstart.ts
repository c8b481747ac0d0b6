import { ErrorCode, WEEK_START_DAYS, type WeekStartDay } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

/** `/config weekstart day` */
export function configWeekstart(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const day = scope.options.string('day') ?? '';
    if (!(WEEK_START_DAYS as readonly string[]).includes(day)) {
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        'The week can start on Monday, Sunday or Saturday.',
      );
    }
    const weekStart = day as WeekStartDay;
    const committed = await saveSettings(deps, scope, { weekStart });
    const shown = weekStart.charAt(0).toUpperCase() + weekStart.slice(1);
    return confirm(
      committed,
      `📅 Weeks now start on **${shown}**. Weekly totals and leaderboards follow it from now on.`,
    );
  };
}
