/** Reads the audit trail an export job covers from storage, page by page, and builds its rows. */
import type { ExportRenderJob } from '@timekeeper/contracts';
import { MAX_AUDIT_PAGE, type AuditItem, type AuditPage, type Storage } from '@timekeeper/storage';
import { auditInRange, auditPeople, buildAuditTrail, type AuditTrail } from '../logic/audit';
import { LocalClock } from '../logic/local-time';
import { resolveRange } from '../logic/range';
import { read } from './timesheet-source';

export async function loadAuditTrail(
  storage: Storage,
  job: ExportRenderJob,
  names: (userIds: string[]) => Promise<Map<string, string>>,
): Promise<AuditTrail> {
  const range = resolveRange({ from: job.from, to: job.to }, job.timezone, job.enqueuedAt);
  if (!range.ok) throw new Error(`job ${job.jobId} has a bad range: ${range.message}`);
  const categories = await read(storage.listCategories(job.guildId, true));
  // The stream is ordered by when entries were written, which a moved clock can set apart from the
  // time each change records: the whole trail (at most storage's stream length) is read and filtered.
  const items: AuditItem[] = [];
  let before: string | null = null;
  do {
    const page: AuditPage = await read(
      storage.auditPage(job.guildId, {
        ...(job.userId ? { userId: job.userId } : {}),
        ...(before ? { before } : {}),
        limit: MAX_AUDIT_PAGE,
      }),
    );
    items.push(...auditInRange(page.items, range.range));
    before = page.next;
  } while (before !== null);
  const people = auditPeople(items);
  if (job.userId && !people.includes(job.userId)) people.push(job.userId);
  return buildAuditTrail({
    items,
    range: range.range,
    clock: new LocalClock(job.timezone),
    userId: job.userId,
    memberNames: await names(people),
    categoryNames: new Map(categories.map((c) => [c.key, c.displayName])),
  });
}
