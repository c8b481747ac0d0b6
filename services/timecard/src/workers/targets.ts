/**
 * `target.remind`: some hours before the local week or month ends, DM each member below their target,
 * once per member and period. The next period's reminder is queued first; each member's reminder is
 * claimed in storage before its DM is queued (`dm.send`, retried there), so a redelivered job or a
 * restart never reminds anyone twice.
 */
import type { TargetRemindJob } from '@timekeeper/contracts';
import { formatDecimalHours } from '@timekeeper/contracts';
import { publishJob, type JobOutcome } from '@timekeeper/service-kit';
import { periodRange } from '@timekeeper/storage';
import { isBelow, queueTargetReminder, reminderDueAt, targetStandings } from '../flows/targets';
import { settingsOf, type WorkerContext } from './context';
import { waitMs } from './schedule';

/** Claims are kept a week past the period's end. */
const CLAIM_KEPT_MS = 7 * 86_400_000;

export async function handleTargetReminder(ctx: WorkerContext, job: TargetRemindJob): Promise<JobOutcome> {
  const wait = waitMs(job.fireAt, ctx.clock.now(), ctx.options.maxWaitMs);
  if (wait !== null) return { status: 'retry', afterMs: wait };
  const now = ctx.clock.now();
  const settings = await settingsOf(ctx, job.guildId);
  const due = reminderDueAt(settings, job.period, job.fireAt);
  if (due === null) {
    ctx.count('targets', 'turned-off');
    return { status: 'done' };
  }
  const range = periodRange(job.period, job.fireAt, settings);
  // The next period's reminder first, so the chain survives whatever happens below.
  await queueTargetReminder(ctx.nc, job.guildId, settings, job.period, range.to, now);
  if (due !== job.fireAt || now >= range.to) {
    // The settings changed since this was queued (their own job is queued), or the period is over.
    if (due > job.fireAt)
      await queueTargetReminder(ctx.nc, job.guildId, settings, job.period, job.fireAt, now);
    ctx.count('targets', 'stale');
    return { status: 'done' };
  }
  const { standings } = await targetStandings(ctx, job.guildId, settings, job.period, job.fireAt, now);
  for (const standing of standings.filter(isBelow)) {
    const claimed = await ctx.storage.claimTargetReminder(
      job.guildId,
      `${job.period}:${range.id}`,
      standing.userId,
      range.to + CLAIM_KEPT_MS,
    );
    if (!claimed) continue;
    const left = standing.target.minutes * 60_000 - standing.trackedMs;
    await publishJob(ctx.nc, {
      v: 1,
      kind: 'dm.send',
      jobId: `target-dm:${job.guildId}:${range.id}:${standing.userId}`,
      guildId: job.guildId,
      enqueuedAt: now,
      userId: standing.userId,
      purpose: 'target',
      content:
        `⏳ Your ${job.period === 'week' ? 'weekly' : 'monthly'} target in this server is **${formatDecimalHours(standing.target.minutes * 60_000)} h** ` +
        `(<@&${standing.target.roleId}>). You have **${formatDecimalHours(standing.trackedMs)} h** so far, ` +
        `**${formatDecimalHours(left)} h** to go; the ${job.period} ends <t:${Math.floor(range.to / 1000)}:R>.`,
    });
    ctx.count('targets', 'reminded');
  }
  return { status: 'done' };
}
