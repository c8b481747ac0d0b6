/**
 * `session.check`: forgotten clock-outs. Stage `prompt` (at the maximum length after the allowance
 * start) DMs "Still working?" and queues stage `close` one grace period later. Stage `close` either
 * asks again later (the member confirmed) or closes the session at the member's last activity, flagged
 * for review — never crediting time nobody vouched for. Exactly one check job is pending per session.
 */
import type { Job, SessionCheckJob } from '@timekeeper/contracts';
import { publishEvent, publishJob, type JobOutcome } from '@timekeeper/service-kit';
import { SYSTEM_ACTOR, allowanceStart, contractEvents, type ActiveSession } from '@timekeeper/storage';
import { autoClosedMessage, stillWorkingPrompt } from './messages';
import { decideClose, jobIds, promptDueAt, waitMs } from './schedule';
import { categoryName, queueRoleRemovals, sendDm, settingsOf, type WorkerContext } from './context';

export const AUTO_CLOSE_REASON = 'No answer to "Still working?": closed at the last confirmed activity';

function checkJob(
  job: SessionCheckJob,
  stage: SessionCheckJob['stage'],
  fireAt: number,
  allowanceFrom: number,
  now: number,
): Job {
  return {
    ...job,
    jobId:
      stage === 'prompt'
        ? jobIds.prompt(job.sessionId, allowanceFrom)
        : jobIds.close(job.sessionId, allowanceFrom),
    enqueuedAt: now,
    fireAt,
    stage,
  };
}

export async function handleSessionCheck(ctx: WorkerContext, job: SessionCheckJob): Promise<JobOutcome> {
  const wait = waitMs(job.fireAt, ctx.clock.now(), ctx.options.maxWaitMs);
  if (wait !== null) return { status: 'retry', afterMs: wait };
  const active = await ctx.storage.activeSession(job.guildId, job.userId);
  if (active?.id !== job.sessionId) {
    // A close that committed before a crash or a failed side effect is finished on the retry.
    if (job.stage === 'close') return closeUnanswered(ctx, job, null);
    ctx.count('session-check', 'session-ended');
    return { status: 'done' };
  }
  return job.stage === 'prompt' ? prompt(ctx, job, active) : closeUnanswered(ctx, job, active);
}

async function prompt(ctx: WorkerContext, job: SessionCheckJob, active: ActiveSession): Promise<JobOutcome> {
  const settings = await settingsOf(ctx, job.guildId);
  const now = ctx.clock.now();
  // A confirmation or a longer maximum since this job was queued moves the prompt later.
  const dueWait = waitMs(promptDueAt(active, settings.maxSessionMs), now, ctx.options.maxWaitMs);
  if (dueWait !== null) return { status: 'retry', afterMs: dueWait };
  const from = allowanceStart(active);
  const closeAt = now + ctx.options.graceMs;
  // Queue the close first: if the DM then fails and this job is retried, the re-publish is de-duplicated.
  await publishJob(ctx.nc, checkJob(job, 'close', closeAt, from, now));
  const category = await categoryName(ctx, job.guildId, active.category);
  const result = await sendDm(
    ctx.api,
    job.userId,
    stillWorkingPrompt(ctx.codec, {
      guildId: job.guildId,
      sessionId: active.id,
      category,
      startedAt: active.start,
      lastActiveAt: from,
      closeAt,
    }),
  );
  ctx.count('session-check', `prompt-${result}`);
  return { status: 'done' };
}

/** `active` null: the session is gone; only a close of ours that already committed is followed up. */
async function closeUnanswered(
  ctx: WorkerContext,
  job: SessionCheckJob,
  active: ActiveSession | null,
): Promise<JobOutcome> {
  const settings = await settingsOf(ctx, job.guildId);
  const now = ctx.clock.now();
  let end = job.startedAt;
  if (active) {
    const decision = decideClose(active, settings.maxSessionMs, job.fireAt - ctx.options.graceMs, now);
    if (decision.kind === 'reprompt') {
      await publishJob(ctx.nc, checkJob(job, 'prompt', decision.promptAt, decision.allowanceFrom, now));
      ctx.count('session-check', 'reprompt-queued');
      return { status: 'done' };
    }
    end = decision.end;
  }
  const written = await ctx.storage.closeSessionAt(
    { guildId: job.guildId, userId: job.userId, sessionId: job.sessionId, end, how: 'auto' },
    { eventId: `autoclose.${job.sessionId}`, now, actor: SYSTEM_ACTOR, reason: AUTO_CLOSE_REASON },
  );
  if (written.status === 'journaled') {
    // Redis is down: the close is durable in the outage journal and applied (and published) on replay.
    ctx.count('session-check', 'close-journaled');
    return { status: 'done' };
  }
  const outcome = written.outcome;
  if (!outcome.ok) {
    // The member answered or clocked out in the meantime: nothing to do.
    ctx.count('session-check', active ? `close-${outcome.code.toLowerCase()}` : 'session-ended');
    return { status: 'done' };
  }
  // Also on a replay: event consumers are idempotent by event id, role jobs by job id.
  publishEvent(ctx, contractEvents.clockOut(outcome, 'auto'));
  await queueRoleRemovals(ctx, outcome.session, settings, 'Timekeeper closed an unanswered session');
  if (written.replayed) return { status: 'done' };
  ctx.count('session-check', 'auto-closed');
  const category = await categoryName(ctx, job.guildId, outcome.session.category);
  await sendDm(
    ctx.api,
    job.userId,
    autoClosedMessage(ctx.codec, {
      ...outcome.session,
      guildId: job.guildId,
      sessionId: outcome.session.id,
      category,
      closedAt: now,
    }),
  );
  return { status: 'done' };
}
