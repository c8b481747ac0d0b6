/**
 * `reminder.fire`: "You've been clocked in to … since …" while a session runs. Each reminder queues the
 * next one (deterministic job id) before it DMs, so a retry never breaks the chain or sends it twice.
 * A muted member's chain keeps running silently, so "Unmute" needs nothing else.
 */
import type { Job, ReminderFireJob } from '@timekeeper/contracts';
import { publishJob, type JobOutcome } from '@timekeeper/service-kit';
import { reminderMessage } from './messages';
import { jobIds, nextReminder, waitMs } from './schedule';
import { categoryName, sendDm, settingsOf, type WorkerContext } from './context';

export async function handleReminder(ctx: WorkerContext, job: ReminderFireJob): Promise<JobOutcome> {
  const wait = waitMs(job.fireAt, ctx.clock.now(), ctx.options.maxWaitMs);
  if (wait !== null) return { status: 'retry', afterMs: wait };
  const active = await ctx.storage.activeSession(job.guildId, job.userId);
  if (active?.id !== job.sessionId) {
    ctx.count('reminders', 'session-ended');
    return { status: 'done' };
  }
  const settings = await settingsOf(ctx, job.guildId);
  if (settings.reminderIntervalMs === null) {
    ctx.count('reminders', 'turned-off');
    return { status: 'done' };
  }
  const next = nextReminder(job.fireAt, job.sequence, settings.reminderIntervalMs, ctx.clock.now());
  const nextJob: Job = {
    ...job,
    jobId: jobIds.reminder(job.sessionId, next.sequence),
    enqueuedAt: ctx.clock.now(),
    fireAt: next.fireAt,
    sequence: next.sequence,
  };
  await publishJob(ctx.nc, nextJob);
  if (await ctx.storage.remindersMuted(job.guildId, job.userId)) {
    ctx.count('reminders', 'muted');
    return { status: 'done' };
  }
  const category = await categoryName(ctx, job.guildId, active.category);
  const result = await sendDm(
    ctx.api,
    job.userId,
    reminderMessage(ctx.codec, {
      guildId: job.guildId,
      sessionId: active.id,
      category,
      startedAt: active.start,
    }),
  );
  ctx.count('reminders', result);
  return { status: 'done' };
}
