/**
 * `/timesheet suspend user reason [until]` and `/timesheet unsuspend user reason`: a suspended member
 * cannot clock in (they are told the reason and until when) until a manager lifts it or `until` passes.
 * Both are audited and posted to the activity log. A running session is left alone.
 */
import { respond, withStorageRefusals, type CommandScope } from '@timekeeper/service-kit';
import { contractEvents, MAX_SUSPENSION_MS } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { reasonOf, refuse, refusedByStorage, SAVED_LATER, targetOf, timeOf } from '../flows/timesheet-input';
import { discordTime, userMention } from '../logic/format';
import { parseUntil } from '../logic/timesheet';

export function timesheetSuspendCommand(deps: TimecardDeps, suspend: boolean) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const userId = targetOf(scope);
    const reason = reasonOf(scope);
    const now = deps.clock.now();
    const untilText = suspend ? scope.options.string('until') : undefined;
    const until = untilText ? timeOf(parseUntil(untilText, settings.timeZone)) : null;
    if (until !== null && until <= now) refuse('The end of the suspension must be in the future.');
    if (until !== null && until > now + MAX_SUSPENSION_MS) {
      refuse('A suspension with an end lasts at most a year; leave `until` empty to suspend until lifted.');
    }
    const ctx = { eventId: scope.interaction.id, now, actor: scope.userId, reason };
    const result = await withStorageRefusals(() =>
      suspend
        ? deps.storage.suspendMember({ guildId: scope.guildId, userId, until }, ctx)
        : deps.storage.unsuspendMember(scope.guildId, userId, ctx),
    );
    if (result.status === 'journaled') {
      return respond.ephemeral(SAVED_LATER);
    }
    const outcome = result.outcome;
    if (!outcome.ok) {
      if (outcome.code === 'NOT_SUSPENDED') {
        return respond.ephemeral(`${userMention(userId)} is not suspended. Nothing was changed.`);
      }
      refusedByStorage(outcome.message);
    }
    if (!result.replayed) deps.effects.publish(contractEvents.suspension(outcome));
    return respond.ephemeral(
      suspend
        ? `⛔ Suspended ${userMention(userId)} ${until === null ? 'until lifted with `/timesheet unsuspend`' : `until ${discordTime(until, 'f')}`}: they can't clock in and are told why. A running session is left alone (\`/forceclockout\` ends it).`
        : `✅ Lifted the suspension of ${userMention(userId)}: they can clock in again.`,
    );
  };
}
