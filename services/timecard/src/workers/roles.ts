/**
 * `role.change`: gives or takes a clock-in role. Idempotent (Discord's PUT/DELETE are), re-checked
 * against the member's current session so a late job never leaves a wrong role, and never blocking or
 * undoing the clock event that queued it. A change Discord refuses for good is recorded for admins.
 */
import type { RoleChangeJob } from '@timekeeper/contracts';
import type { JobOutcome } from '@timekeeper/service-kit';
import { classifyDiscordError } from './discord-errors';
import { roleProblemLine } from './messages';
import { sessionRoles, settingsOf, type WorkerContext } from './context';

/** A broken role is announced in the activity log at most once per role per this window. */
export const ROLE_NOTICE_QUIET_MS = 60 * 60_000;

export async function handleRoleChange(ctx: WorkerContext, job: RoleChangeJob): Promise<JobOutcome> {
  const { guildId, userId, roleId, action } = job;
  const [active, settings] = await Promise.all([
    ctx.storage.activeSession(guildId, userId),
    settingsOf(ctx, guildId),
  ]);
  const wanted = active !== null && sessionRoles(settings, active.category).includes(roleId);
  // Jobs can run late or out of order (retries): act only if the change still matches the member's state.
  if (action === 'add' && !wanted) return skip(ctx, 'add-skipped-not-clocked-in');
  if (action === 'remove' && wanted) return skip(ctx, 'remove-skipped-clocked-in-again');
  try {
    if (action === 'add')
      await ctx.api.guilds.addRoleToMember(guildId, userId, roleId, { reason: job.reason });
    else await ctx.api.guilds.removeRoleFromMember(guildId, userId, roleId, { reason: job.reason });
    ctx.count('roles', `${action}-applied`);
    return { status: 'done' };
  } catch (error) {
    const kind = classifyDiscordError(error);
    if (kind === 'transient') throw error; // back-off retry (the REST client already waited on 429s)
    if (kind === 'unknown-member' || kind === 'dm-closed') return skip(ctx, `${action}-member-gone`);
    ctx.count('roles', `${action}-${kind}`);
    ctx.logger.warn({ err: error, guildId, roleId, kind }, 'role change refused by Discord');
    await reportRoleProblem(ctx, job, kind, settings.activityLogChannelId);
    return { status: 'done' };
  }
}

function skip(ctx: WorkerContext, outcome: string): JobOutcome {
  ctx.count('roles', outcome);
  return { status: 'done' };
}

/** Lists the problem for admins, and says it once in the activity log (if the guild has one). */
async function reportRoleProblem(
  ctx: WorkerContext,
  job: RoleChangeJob,
  kind: 'forbidden' | 'unknown-role' | 'rejected',
  activityLogChannelId: string | null,
): Promise<void> {
  const message = roleProblemLine(kind, job);
  const noticeKind =
    kind === 'forbidden' ? 'role-forbidden' : kind === 'unknown-role' ? 'role-missing' : 'role-failed';
  const { announce } = await ctx.storage.recordNotice(
    job.guildId,
    { at: ctx.clock.now(), kind: noticeKind, message },
    { key: `${noticeKind}.${job.roleId}`, windowMs: ROLE_NOTICE_QUIET_MS },
  );
  if (!announce || activityLogChannelId === null) return;
  try {
    await ctx.api.channels.createMessage(activityLogChannelId, {
      content: message,
      allowed_mentions: { parse: [] },
    });
    ctx.count('roles', 'problem-announced');
  } catch (error) {
    // The notice is stored; a missing log channel must not make the job retry forever.
    ctx.count('roles', 'problem-announce-failed');
    ctx.logger.warn({ err: error, guildId: job.guildId }, 'could not post to the activity log');
  }
}
