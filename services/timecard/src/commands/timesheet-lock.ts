/**
 * `/timesheet lock period [user] [reason]` and `/timesheet unlock period reason [user]`: approve and
 * lock a week or month for one member or everyone (corrections inside are refused in storage), or
 * unlock it. Both are audited and posted to the activity log.
 */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import { contractEvents, EVERYONE } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { withStorageRefusals } from '@timekeeper/service-kit';
import { periodName } from '../flows/corrections';
import { reasonOf, refusedByStorage, SAVED_LATER } from '../flows/timesheet-input';
import { userMention } from '../logic/format';
import { periodRange } from '../logic/timesheet';
import { periodOf } from './timesheet-list';

export function timesheetLockCommand(deps: TimecardDeps, lock: boolean) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const userId = scope.options.snowflake('user') ?? null;
    const reason = lock && !scope.options.has('reason') ? undefined : reasonOf(scope);
    const now = deps.clock.now();
    const range = periodRange(periodOf(scope), now, settings.timeZone, settings.weekStart);
    const input = { guildId: scope.guildId, scope: userId ?? EVERYONE, period: range.kind, at: range.from };
    const ctx = { eventId: scope.interaction.id, now, actor: scope.userId, ...(reason ? { reason } : {}) };
    const result = await withStorageRefusals(() =>
      lock ? deps.storage.lockPeriod(input, ctx) : deps.storage.unlockPeriod(input, ctx),
    );
    if (result.status === 'journaled') {
      return respond.ephemeral(SAVED_LATER);
    }
    const outcome = result.outcome;
    const who = userId ? userMention(userId) : 'everyone';
    if (!outcome.ok) {
      if (outcome.code === 'ALREADY_LOCKED' || outcome.code === 'NOT_LOCKED') {
        return respond.ephemeral(
          `${range.label} is ${outcome.code === 'ALREADY_LOCKED' ? 'already approved and locked' : 'not locked'} for ${who}. Nothing was changed.`,
        );
      }
      refusedByStorage(outcome.message);
    }
    if (!result.replayed) deps.effects.publish(contractEvents.lock(outcome));
    return respond.ephemeral(
      lock
        ? `🔒 Approved and locked ${periodName(outcome.lock.periodId)} (${range.label}) for ${who}. Corrections inside it are refused until \`/timesheet unlock\`; clocking in and out still works.`
        : `🔓 Unlocked ${periodName(outcome.lock.periodId)} (${range.label}) for ${who}. Corrections are allowed again.`,
    );
  };
}
