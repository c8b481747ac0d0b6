/**
 * The period rebuild job: batches of members until done, at most ~20 s per delivery (then it asks to
 * be delivered again and continues from the progress kept in storage). Start and end are posted to
 * the activity log channel when one is set.
 */
import type { JobOf } from '@timekeeper/contracts';
import { consumeJobs, type JobOutcome } from '@timekeeper/service-kit';
import type { Registry } from 'prom-client';
import type { AnalyticsDeps } from '../deps';

const SLICE_MS = 20_000;
const BATCH = 200;

export async function handleRebuild(deps: AnalyticsDeps, job: JobOf<'periods.rebuild'>): Promise<JobOutcome> {
  const started = Date.now();
  let first = true;
  while (true) {
    const progress = await deps.storage.rebuildPeriods(job.guildId, job.generation, BATCH);
    deps.metrics.rebuildBatches.inc({ outcome: progress.state });
    if (first && progress.processed <= BATCH && progress.state === 'running') {
      await announce(
        deps,
        job.guildId,
        `🔁 Rebuilding day, week, month and year boards for ${job.timezone} (about ${progress.members} members). Leaderboards for those periods are back when it is done.`,
      );
    }
    first = false;
    if (progress.state === 'superseded') return { status: 'done' };
    if (progress.state === 'done') {
      await announce(
        deps,
        job.guildId,
        `✅ Boards rebuilt for ${job.timezone}: ${progress.processed} members. Leaderboards and insights use the new days, weeks and months.`,
      );
      deps.cache.invalidate(job.guildId);
      return { status: 'done' };
    }
    if (Date.now() - started > SLICE_MS) return { status: 'retry', afterMs: 0 };
  }
}

async function announce(deps: AnalyticsDeps, guildId: string, content: string): Promise<void> {
  const settings = await deps.storage.getSettings(guildId);
  const channel = settings.ok ? settings.value.activityLogChannelId : null;
  if (!channel) return;
  await deps.api.channels
    .createMessage(channel, { content, allowed_mentions: { parse: [] } })
    .catch((err: unknown) => deps.logger.warn({ err, guildId }, 'could not post rebuild progress'));
}

export function startRebuildWorker(deps: AnalyticsDeps, registry: Registry) {
  return consumeJobs(
    { nc: deps.nc, logger: deps.logger, registry, durablePrefix: 'analytics' },
    { kind: 'periods.rebuild', handler: (job) => handleRebuild(deps, job), ackWaitMs: 60_000 },
  );
}
