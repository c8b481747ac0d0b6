/**
 * JetStream work-queue jobs on `tk.v1.job.<kind>`: work that must not be lost. Publish with
 * `msgID = jobId` so a retried publish is de-duplicated; make `jobId` deterministic where a job may be
 * enqueued twice (e.g. `reminder:<sessionId>:<n>`).
 */
import { z } from 'zod';
import { EXPORT_FORMATS, EXPORT_GROUPS } from '../commands/export';
import { DISCORD_LIMITS } from '../limits';
import { TARGET_PERIODS } from '../pay';
import { subjects } from '../subjects';
import { CategoryKey, EpochMs, LocalDate, OpaqueId, Snowflake } from './common';

const base = {
  v: z.literal(1),
  jobId: OpaqueId,
  guildId: Snowflake,
  enqueuedAt: EpochMs,
};

/** Add or remove a member's role (clock-in roles). */
export const RoleChangeJob = z.object({
  ...base,
  kind: z.literal('role.change'),
  userId: Snowflake,
  roleId: Snowflake,
  action: z.enum(['add', 'remove']),
  /** Audit-log reason. */
  reason: z.string().min(1).max(DISCORD_LIMITS.auditLogReason),
});

/** Send a member a direct message. */
export const DmSendJob = z
  .object({
    ...base,
    kind: z.literal('dm.send'),
    userId: Snowflake,
    /** Why, for metrics and logs. */
    purpose: z.enum(['reminder', 'force-clockout', 'export-ready', 'notice', 'timesheet', 'target']),
    content: z.string().min(1).max(DISCORD_LIMITS.content).optional(),
    /** Discord embed objects, passed through as built. */
    embeds: z.array(z.looseObject({})).min(1).max(DISCORD_LIMITS.embedsPerMessage).optional(),
  })
  .refine((job) => job.content !== undefined || job.embeds !== undefined, {
    message: 'a DM needs content or embeds',
    path: ['content'],
  });

/** Render an export file and deliver it by editing the deferred interaction reply. */
export const ExportRenderJob = z.object({
  ...base,
  kind: z.literal('export.render'),
  requestedBy: Snowflake,
  /** Whose sessions to include; null = the whole server. */
  userId: Snowflake.nullable(),
  format: z.enum(EXPORT_FORMATS),
  /** Inclusive local days in `timezone`. */
  from: LocalDate,
  to: LocalDate,
  timezone: z.string().min(1).max(64),
  /** Only this category key; null = all. */
  category: CategoryKey.nullable(),
  group: z.enum(EXPORT_GROUPS),
  /** Upload limit where the command was used (the interaction's `attachment_size_limit`). */
  uploadLimitBytes: z.number().int().positive(),
  /** Where to deliver: the deferred reply's webhook, valid until `expiresAt`; after that, a DM. */
  reply: z
    .object({ applicationId: Snowflake, interactionToken: z.string().min(1), expiresAt: EpochMs })
    .nullable(),
});

/** Remind a member who is still clocked in. Dropped if the session has ended by the time it runs. */
export const ReminderFireJob = z.object({
  ...base,
  kind: z.literal('reminder.fire'),
  userId: Snowflake,
  sessionId: OpaqueId,
  categoryKey: CategoryKey,
  startedAt: EpochMs,
  /** When it is due. */
  fireAt: EpochMs,
  /** 1 for the first reminder of the session, then 2, 3… */
  sequence: z.number().int().min(1),
});

/**
 * Forgotten clock-outs. At `startedAt + max session length` (stage `prompt`) the member is asked whether
 * they are still working; at the end of the grace period (stage `close`) a session that is still open
 * is closed at the member's last activity and flagged for review. Dropped if the session has ended.
 */
export const SessionCheckJob = z.object({
  ...base,
  kind: z.literal('session.check'),
  userId: Snowflake,
  sessionId: OpaqueId,
  startedAt: EpochMs,
  fireAt: EpochMs,
  stage: z.enum(['prompt', 'close']),
});

/**
 * Rebuild a guild's zone-dependent aggregates (daily rollups, day/week/month/year boards) for the
 * settings' period generation after a time zone or week start change. Resumable: progress is kept in
 * storage, so a redelivered job continues where the last attempt stopped.
 */
export const PeriodsRebuildJob = z.object({
  ...base,
  kind: z.literal('periods.rebuild'),
  generation: z.number().int().min(1),
  timezone: z.string().min(1).max(64),
});

/**
 * Remind members below their weekly or monthly target, at `fireAt` (the configured hours before the
 * local period containing it ends). Each run queues the next period's; members are reminded once per
 * period (storage claims each reminder).
 */
export const TargetRemindJob = z.object({
  ...base,
  kind: z.literal('target.remind'),
  period: z.enum(TARGET_PERIODS),
  fireAt: EpochMs,
});

export const Job = z.discriminatedUnion('kind', [
  RoleChangeJob,
  DmSendJob,
  ExportRenderJob,
  ReminderFireJob,
  SessionCheckJob,
  PeriodsRebuildJob,
  TargetRemindJob,
]);
export type Job = z.infer<typeof Job>;
export type JobKind = Job['kind'];
export type JobOf<K extends JobKind> = Extract<Job, { kind: K }>;

export const JOB_KINDS = [
  'role.change',
  'dm.send',
  'export.render',
  'reminder.fire',
  'session.check',
  'periods.rebuild',
  'target.remind',
] as const satisfies readonly JobKind[];

export type RoleChangeJob = z.infer<typeof RoleChangeJob>;
export type DmSendJob = z.infer<typeof DmSendJob>;
export type ExportRenderJob = z.infer<typeof ExportRenderJob>;
export type ReminderFireJob = z.infer<typeof ReminderFireJob>;
export type SessionCheckJob = z.infer<typeof SessionCheckJob>;

/** The subject a job is published on. */
export function jobSubject(job: Pick<Job, 'kind'>): string {
  return subjects.job(job.kind);
}
export type PeriodsRebuildJob = z.infer<typeof PeriodsRebuildJob>;
export type TargetRemindJob = z.infer<typeof TargetRemindJob>;
