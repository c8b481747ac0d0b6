/** Reading and checking what a manager typed into a `/timesheet` correction, before any preview. */
import { ErrorCode, TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { InteractionError, type CommandScope } from '@timekeeper/service-kit';
import { type CompletedSession, type GuildSettings } from '@timekeeper/storage';
import { type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import { formatDuration } from '@timekeeper/contracts';
import type { TimeParse } from '../logic/timesheet';

export function refuse(message: string): never {
  throw new InteractionError(ErrorCode.INVALID_INPUT, `${message} Nothing was changed.`);
}

export function targetOf(scope: CommandScope): string {
  const userId = scope.options.snowflake('user');
  if (!userId) refuse('Choose the member.');
  return userId;
}

/** The required reason, trimmed. */
export function reasonOf(scope: CommandScope): string {
  const reason = scope.options.string('reason')?.trim() ?? '';
  if (reason.length < 3) refuse('Give a reason (at least 3 characters); it is kept in the audit trail.');
  if (reason.length > TIMEKEEPER_LIMITS.reason)
    refuse(`A reason has at most ${TIMEKEEPER_LIMITS.reason} characters.`);
  return reason;
}

export function timeOf(parsed: TimeParse): number {
  if (!parsed.ok) refuse(parsed.message);
  return parsed.ms;
}

/** A completed session of this server belonging to `userId`; anything else is refused. */
export async function sessionOf(
  deps: TimecardDeps,
  scope: CommandScope,
  userId: string,
): Promise<CompletedSession> {
  const sessionId = scope.options.string('session')?.trim() ?? '';
  const read = /^[A-Za-z0-9._-]{1,100}$/.test(sessionId)
    ? readValue(await deps.storage.session(scope.guildId, sessionId))
    : null;
  if (!read) refuse('That session is not on this server (pick one from the list).');
  if (read.userId !== userId) refuse(`That session belongs to <@${read.userId}>, not <@${userId}>.`);
  return read;
}

/**
 * The checks a preview can make alone (storage repeats them, and adds locks and overlaps): the end
 * after the start, not in the future, within the maximum session length (an existing longer session
 * may keep its length).
 */
export function checkSpan(
  start: number,
  end: number,
  now: number,
  settings: GuildSettings,
  allowedMs = 0,
): void {
  if (end <= start) refuse('The end must be after the start.');
  if (end > now) refuse('The end is in the future; sessions can only be recorded up to now.');
  const max = Math.max(settings.maxSessionMs, allowedMs);
  if (end - start > max)
    refuse(
      `That's ${formatDuration(end - start)}, longer than the maximum session length (${formatDuration(max)}).`,
    );
}

/** The answer to a manager's write that the outage journal kept for later. */
export const SAVED_LATER =
  'Saved: this will be applied as soon as Timekeeper can write to its storage again.';

/** A write storage refused for a reason the command did not foresee. */
export function refusedByStorage(message: string): never {
  throw new InteractionError(ErrorCode.INVALID_INPUT, `That was refused: ${message}. Nothing was changed.`);
}
