/**
 * The timecard workers: roles while clocked in, reminders, forgotten clock-outs and DMs. They consume
 * the JetStream jobs the commands side publishes (`role.change`, `dm.send`, `reminder.fire`,
 * `session.check`, `target.remind`) and answer the buttons and modals they put in direct messages. See README.md here.
 */
import type { JobKind, JobOf } from '@timekeeper/contracts';
import {
  consumeJobs,
  ensureJobStream,
  retryDelayMs,
  type InteractionRouter,
  type JobOutcome,
} from '@timekeeper/service-kit';
import {
  createContext,
  type WorkerContext,
  type WorkerDeps,
  type WorkerName,
  type WorkerOptions,
} from './context';
import { handleDmSend } from './dm';
import { registerDmInteractions } from './interactions';
import { handleReminder } from './reminders';
import { handleRoleChange } from './roles';
import { handleSessionCheck } from './session-check';
import { handleTargetReminder } from './targets';

export type { WorkerDeps, WorkerOptions } from './context';
export { DefaultWorkerOptions } from './context';

/** Starts one durable consumer per job kind; `stop()` lets in-flight jobs finish. */
export async function startTimecardWorkers(
  deps: WorkerDeps,
  options: Partial<WorkerOptions> = {},
): Promise<{ stop(): Promise<void> }> {
  const ctx = createContext(deps, options);
  await ensureJobStream(deps.nc);
  const consumers = await Promise.all([
    consume(ctx, 'role.change', handleRoleChange),
    consume(ctx, 'dm.send', handleDmSend),
    consume(ctx, 'reminder.fire', handleReminder),
    consume(ctx, 'session.check', handleSessionCheck),
    consume(ctx, 'target.remind', handleTargetReminder),
  ]);
  return {
    stop: async () => {
      await Promise.all(consumers.map((c) => c.stop()));
    },
  };
}

/** Registers the direct-message buttons and modals of reminders and "still working?" prompts. */
export function registerWorkerInteractions(router: InteractionRouter, deps: WorkerDeps): void {
  registerDmInteractions(router, createContext(deps));
}

/** Failed attempts per job id in this process (waiting for `fireAt` is not a failure). */
const MAX_TRACKED_FAILURES = 10_000;

function consume<K extends JobKind>(
  ctx: WorkerContext,
  kind: K,
  handler: (ctx: WorkerContext, job: JobOf<K>) => Promise<JobOutcome>,
): Promise<{ stop: () => Promise<void> }> {
  // JetStream's delivery count also counts the redeliveries used to wait until a job is due, so a
  // reminder that waited an hour would be given up at its first failure: count real failures here.
  const failures = new Map<string, number>();
  const { maxAttempts, retryBaseMs } = ctx.options;
  return consumeJobs(
    { nc: ctx.nc, logger: ctx.logger, registry: ctx.registry, durablePrefix: 'timecard' },
    {
      kind,
      handler: async (job) => {
        try {
          const outcome = await handler(ctx, job);
          failures.delete(job.jobId);
          return outcome;
        } catch (error) {
          const attempt = (failures.get(job.jobId) ?? 0) + 1;
          failures.delete(job.jobId);
          if (attempt >= maxAttempts) {
            ctx.logger.error(
              { err: error, jobId: job.jobId, kind, attempt },
              'job failed for the last time; giving up',
            );
            const worker = WORKER_OF[kind];
            if (worker) ctx.count(worker, 'gave-up');
            return { status: 'done' };
          }
          if (failures.size >= MAX_TRACKED_FAILURES) failures.delete(failures.keys().next().value!);
          failures.set(job.jobId, attempt);
          const afterMs = retryDelayMs(attempt, retryBaseMs);
          ctx.logger.warn(
            { err: error, jobId: job.jobId, kind, attempt, retryInMs: afterMs },
            'job failed; will retry',
          );
          return { status: 'retry', afterMs };
        }
      },
    },
  );
}

/** The worker that counts each job kind; null for kinds other services consume. */
const WORKER_OF: Record<JobKind, WorkerName | null> = {
  'role.change': 'roles',
  'dm.send': 'dm',
  'reminder.fire': 'reminders',
  'session.check': 'session-check',
  'export.render': 'dm',
  'periods.rebuild': null,
  'target.remind': 'targets',
};
