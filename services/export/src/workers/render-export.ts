/**
 * `export.render`: read the sessions (or the audit trail), build the Timesheet, render the format, fit
 * it under the upload
 * limit and deliver it — by editing the deferred reply, or by DM once the reply's token is too old.
 * A "delivered" marker makes a retried job (after a crash) a no-op once its file went out.
 */
import type { ExportRenderJob } from '@timekeeper/contracts';
import type { JobOutcome } from '@timekeeper/service-kit';
import type { ExportDeps } from '../deps';
import { fitUpload } from '../logic/fit-upload';
import { LocalClock } from '../logic/local-time';
import { baseName, renderFiles, type ExportFile } from '../render/files';
import {
  auditHeadline,
  deliveredText,
  dmIntro,
  failedText,
  progressText,
  timesheetHeadline,
  tooLargeText,
} from '../views/messages';
import { auditBaseName, auditCsv } from '../render/audit-csv';
import { loadAuditTrail } from './audit-source';
import { editReply, isUnknownWebhook, replyUsable, sendByDm } from './delivery';
import { memberNames, serverName } from './names';
import { loadTimesheet } from './timesheet-source';

/** At most one progress edit per this interval (Discord rate-limits webhook edits). */
const PROGRESS_EVERY_MS = 2_000;
/** From this many sessions on, the member sees the first progress edit as soon as rendering starts. */
const LARGE_EXPORT_SESSIONS = 1_000;
/** JetStream redelivers a job whose process stops saying "working" after this long. */
export const EXPORT_ACK_WAIT_MS = 15_000;
const HEARTBEAT_MS = 5_000;

export async function handleExportJob(
  deps: ExportDeps,
  job: ExportRenderJob,
  attempt: number,
  working: () => void,
): Promise<JobOutcome> {
  if (await deps.guard.delivered(job.jobId)) {
    deps.metrics.deliveries.inc({ format: job.format, delivery: 'duplicate' });
    await deps.guard.release(job.guildId, job.requestedBy, job.jobId);
    return { status: 'done' };
  }
  const heartbeat = setInterval(working, HEARTBEAT_MS);
  const startedAt = deps.clock.now();
  try {
    const files = await produce(deps, job);
    const fitted = fitUpload(files.files, job.uploadLimitBytes, `${files.name}.zip`);
    const text =
      fitted.how === 'too-large'
        ? tooLargeText(job, job.uploadLimitBytes)
        : deliveredText(files.headline, fitted, job.uploadLimitBytes);
    let via: 'reply' | 'dm' = 'reply';
    if (replyUsable(job, deps.clock.now())) await editReply(deps.api, job, text, fitted.files);
    else {
      via = 'dm';
      await sendByDm(deps.api, job, `${dmIntro(job)}\n${text}`, fitted.files);
    }
    await deps.guard.markDelivered(job.jobId, via);
    const delivery = fitted.how === 'as-is' ? via : fitted.how.replace('-', '_');
    deps.metrics.deliveries.inc({ format: job.format, delivery });
    deps.metrics.duration.observe({ format: job.format }, (deps.clock.now() - startedAt) / 1000);
    for (const f of fitted.files) deps.metrics.bytes.observe({ format: job.format }, f.data.length);
    deps.logger.info({ jobId: job.jobId, via, how: fitted.how, attempt }, 'export delivered');
    await deps.guard.release(job.guildId, job.requestedBy, job.jobId);
    return { status: 'done' };
  } catch (error) {
    // The deferral can reach Discord a moment after the job starts: try again shortly.
    if (isUnknownWebhook(error) && attempt < 5) return { status: 'retry', afterMs: 500 * attempt };
    if (attempt >= 5 && replyUsable(job, deps.clock.now())) {
      await editReply(deps.api, job, failedText()).catch(() => undefined);
      await deps.guard.release(job.guildId, job.requestedBy, job.jobId);
    }
    throw error;
  } finally {
    clearInterval(heartbeat);
  }
}

async function produce(
  deps: ExportDeps,
  job: ExportRenderJob,
): Promise<{ name: string; files: ExportFile[]; headline: string }> {
  if (job.format === 'audit') {
    const trail = await loadAuditTrail(deps.storage, job, async (ids) => {
      return (await memberNames(deps.api, job.guildId, ids)).names;
    });
    const name = auditBaseName(trail, job.userId);
    const files = [{ name: `${name}.csv`, data: auditCsv(trail, { bom: true }) }];
    return { name, files, headline: auditHeadline(trail) };
  }
  const progress = progressReporter(deps, job);
  const sheet = await loadTimesheet(deps.storage, job, {
    names: async (ids) => {
      const [server, members] = await Promise.all([
        serverName(deps.api, job.guildId),
        memberNames(deps.api, job.guildId, ids),
      ]);
      return { server, members: members.names, roles: members.roles };
    },
    now: () => deps.clock.now(),
    onRead: (count) => progress('reading', count, 0),
  });
  const name = baseName(sheet, job.userId);
  const files = await renderFiles(sheet, new LocalClock(job.timezone), job.format, name, {
    chart: deps.chart,
    onProgress: (done, total) => progress('rendering', done, total),
  });
  return { name, files, headline: timesheetHeadline(job, sheet) };
}

/** Edits the reply with progress at most every PROGRESS_EVERY_MS; never fails the job. */
function progressReporter(deps: ExportDeps, job: ExportRenderJob) {
  let last = Date.now();
  let shown = false;
  return async (phase: 'reading' | 'rendering', done: number, total: number): Promise<void> => {
    const now = Date.now();
    const firstOfLarge = !shown && phase === 'rendering' && total >= LARGE_EXPORT_SESSIONS;
    if ((now - last < PROGRESS_EVERY_MS && !firstOfLarge) || !replyUsable(job, deps.clock.now())) return;
    last = now;
    shown = true;
    await editReply(deps.api, job, progressText(phase, done, total)).catch((error: unknown) =>
      deps.logger.warn({ err: error, jobId: job.jobId }, 'progress edit failed'),
    );
  };
}
