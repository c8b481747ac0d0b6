/** The texts of an export's reply and DM. Pure. */
import type { ExportRenderJob } from '@timekeeper/contracts';
import type { Fitted } from '../logic/fit-upload';
import { decimalHours } from '@timekeeper/contracts';
import { hoursMinutes } from '../logic/durations';
import type { AuditTrail } from '../logic/audit';
import type { Timesheet } from '../logic/timesheet';

const count = (n: number): string => n.toLocaleString('en-US');

/** An upload limit as people read it: `10 MB`, `64 KB`. */
function sizeLabel(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.floor(bytes / 1024 / 1024)} MB` : `${Math.floor(bytes / 1024)} KB`;
}

export function progressText(phase: 'reading' | 'rendering', done: number, total: number): string {
  return phase === 'reading'
    ? `Reading sessions… ${count(done)} so far.`
    : `Rendering ${count(done)} of ${count(total)} ${total === 1 ? 'session' : 'sessions'}…`;
}

/** What a timesheet export covers and its total, the first lines of its reply. */
export function timesheetHeadline(job: ExportRenderJob, sheet: Timesheet): string {
  const what = `Your ${job.format.toUpperCase()} export: ${sheet.meta.scope}, ${sheet.meta.from} to ${sheet.meta.to} (${sheet.meta.zone})`;
  const total =
    sheet.sessions.length === 0
      ? 'No sessions in this range — the file has the headers and says so.'
      : `Total ${hoursMinutes(sheet.total.seconds)} (${decimalHours(sheet.total.seconds * 1000).toFixed(2)} h) in ${count(sheet.total.sessions)} sessions.`;
  return `${what}.\n${total}`;
}

/** What an audit-trail export covers and how many changes it holds. */
export function auditHeadline(trail: AuditTrail): string {
  const what = `Your audit trail export: ${trail.scope}, changes made ${trail.from} to ${trail.to} (${trail.zone}), newest first`;
  const n = trail.rows.length;
  const total =
    n === 0
      ? 'No changes in this range — the file has the headers and says so.'
      : `${count(n)} ${n === 1 ? 'change' : 'changes'}.`;
  return `${what}.\n${total}`;
}

/** The reply with the file: the headline, and what was done to fit the upload limit. */
export function deliveredText(headline: string, fitted: Fitted, limitBytes: number): string {
  const limit = sizeLabel(limitBytes);
  const note =
    fitted.how === 'compressed'
      ? `\nThe file was larger than this server's ${limit} upload limit, so it is compressed into a ZIP.`
      : fitted.how === 'split'
        ? `\nThe file was larger than this server's ${limit} upload limit even compressed, so it is split into ${fitted.files.length} parts with the header repeated.`
        : '';
  return `${headline}${note}`;
}

export function tooLargeText(job: ExportRenderJob, limitBytes: number): string {
  return `This ${job.format.toUpperCase()} export is larger than this server's ${sizeLabel(limitBytes)} upload limit even compressed. Choose a shorter range, or CSV (which can be split into parts).`;
}

export function failedText(): string {
  return 'This export could not be made. Nothing was changed; please try again in a moment.';
}

export function dmIntro(job: ExportRenderJob): string {
  return `Your export took longer than Discord lets Timekeeper edit its reply, so here it is by DM (ref ${job.jobId}).`;
}
