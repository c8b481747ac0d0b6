/**
 * The jobs a clock event enqueues, as plain data. Job ids are deterministic, so a retried interaction
 * (or a journal replay) publishes the same ids and JetStream keeps one copy of each.
 */
import type { DmSendJob, Job, ReminderFireJob, RoleChangeJob, SessionCheckJob } from '@timekeeper/contracts';
import type { ActiveSession, CompletedSession, GuildSettings } from '@timekeeper/storage';
import { truncate } from './format';
import { roleDelta } from './roles';

type Embed = Record<string, unknown>;

function roleJob(
  guildId: string,
  userId: string,
  sessionId: string,
  roleId: string,
  action: 'add' | 'remove',
  reason: string,
  at: number,
): RoleChangeJob {
  return {
    v: 1,
    kind: 'role.change',
    jobId: `role:${sessionId}:${roleId}:${action}`,
    guildId,
    enqueuedAt: at,
    userId,
    roleId,
    action,
    reason: truncate(reason, 512),
  };
}

/** Reminders (when on) and the forgotten-clock-out check of a session that just started. */
function followUps(session: ActiveSession, settings: GuildSettings, at: number): Job[] {
  const jobs: Job[] = [];
  if (settings.reminderIntervalMs !== null && settings.reminderIntervalMs > 0) {
    const reminder: ReminderFireJob = {
      v: 1,
      kind: 'reminder.fire',
      jobId: `reminder:${session.id}:1`,
      guildId: session.guildId,
      enqueuedAt: at,
      userId: session.userId,
      sessionId: session.id,
      categoryKey: session.category,
      startedAt: session.start,
      fireAt: session.start + settings.reminderIntervalMs,
      sequence: 1,
    };
    jobs.push(reminder);
  }
  const check: SessionCheckJob = {
    v: 1,
    kind: 'session.check',
    jobId: `check:${session.id}:prompt`,
    guildId: session.guildId,
    enqueuedAt: at,
    userId: session.userId,
    sessionId: session.id,
    startedAt: session.start,
    fireAt: session.start + settings.maxSessionMs,
    stage: 'prompt',
  };
  jobs.push(check);
  return jobs;
}

export function clockInJobs(session: ActiveSession, settings: GuildSettings, at: number): Job[] {
  const { add } = roleDelta(settings.roles, null, session.category);
  const reason = `Clocked in (${session.category})`;
  return [
    ...add.map((roleId) => roleJob(session.guildId, session.userId, session.id, roleId, 'add', reason, at)),
    ...followUps(session, settings, at),
  ];
}

export function clockOutJobs(session: CompletedSession, settings: GuildSettings, at: number): Job[] {
  const { remove } = roleDelta(settings.roles, session.category, null);
  const reason = session.closedBy ? `Clocked out by a manager` : `Clocked out`;
  return remove.map((roleId) =>
    roleJob(session.guildId, session.userId, session.id, roleId, 'remove', reason, at),
  );
}

export function switchJobs(
  closed: CompletedSession,
  opened: ActiveSession,
  settings: GuildSettings,
  at: number,
): Job[] {
  const { add, remove } = roleDelta(settings.roles, closed.category, opened.category);
  const reason = `Switched from ${closed.category} to ${opened.category}`;
  return [
    ...remove.map((roleId) =>
      roleJob(closed.guildId, closed.userId, closed.id, roleId, 'remove', reason, at),
    ),
    ...add.map((roleId) => roleJob(opened.guildId, opened.userId, opened.id, roleId, 'add', reason, at)),
    ...followUps(opened, settings, at),
  ];
}

/** The direct message telling a member a manager ended their session. */
export function forcedDmJob(session: CompletedSession, embeds: Embed[], at: number): DmSendJob {
  return {
    v: 1,
    kind: 'dm.send',
    jobId: `dm:forced:${session.id}`,
    guildId: session.guildId,
    enqueuedAt: at,
    userId: session.userId,
    purpose: 'force-clockout',
    embeds,
  };
}

/** Whether any of these jobs changes roles (the reply mentions it when publishing failed). */
export function changesRoles(jobs: readonly Job[]): boolean {
  return jobs.some((job) => job.kind === 'role.change');
}
