/** `/timesheet list user period`: a member's sessions in a week or month, with totals and decimal hours. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { periodsAt } from '@timekeeper/storage';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import { refuse, targetOf } from '../flows/timesheet-input';
import { PERIOD_CHOICES, periodRange, type PeriodChoice } from '../logic/timesheet';
import { listView } from '../views/timesheet';

/** Sessions shown in one answer (an embed holds about this many lines). */
const LIST_LIMIT = 25;

export function periodOf(scope: CommandScope): PeriodChoice {
  const period = scope.options.string('period') as PeriodChoice | undefined;
  if (!period || !PERIOD_CHOICES.includes(period)) refuse('Choose a week or a month.');
  return period;
}

export function timesheetListCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const userId = targetOf(scope);
    const range = periodRange(periodOf(scope), deps.clock.now(), settings.timeZone, settings.weekStart);
    const [page, locks, { names }] = await Promise.all([
      deps.storage.sessionsInRange(scope.guildId, {
        userId,
        from: range.from,
        to: range.to,
        limit: LIST_LIMIT,
      }),
      deps.storage.periodLocks(scope.guildId),
      loadCategories(deps, scope.guildId),
    ]);
    const { sessions, hasMore } = readValue(page);
    const p = periodsAt(range.from, settings.timeZone, settings.weekStart);
    const periodId = range.kind === 'week' ? p.week : p.month;
    const lock =
      readValue(locks).find((l) => l.periodId === periodId && (l.scope === userId || l.scope === '*')) ??
      null;
    return respond.ephemeral(listView({ userId, label: range.label, sessions, hasMore, lock, names }));
  };
}
