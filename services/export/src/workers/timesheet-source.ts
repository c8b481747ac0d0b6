/** Reads what an export job covers from storage and builds its Timesheet (no Discord, no files). */
import { currencyDigits, type ExportRenderJob } from '@timekeeper/contracts';
import type { GuildSettings, ReadResult, Storage } from '@timekeeper/storage';
import { resolveRange } from '../logic/range';
import { SessionTable } from '../logic/session-table';
import { buildTimesheet, type Timesheet, type TimesheetInput } from '../logic/timesheet';

const PAGE = 5_000;

export interface TimesheetSourceOptions {
  /** Names for the server and the members (ids ordered by sessions, most first). */
  readonly names: (
    userIds: string[],
  ) => Promise<{ server: string; members: Map<string, string>; roles?: Map<string, string[]> }>;
  readonly now: () => number;
  /** Called after each page of sessions read. */
  readonly onRead?: (count: number) => void | Promise<void>;
}

export async function loadTimesheet(
  storage: Storage,
  job: ExportRenderJob,
  options: TimesheetSourceOptions,
): Promise<Timesheet> {
  const range = resolveRange({ from: job.from, to: job.to }, job.timezone, job.enqueuedAt);
  if (!range.ok) throw new Error(`job ${job.jobId} has a bad range: ${range.message}`);
  const settings = await read(storage.getSettings(job.guildId));
  const categories = await read(storage.listCategories(job.guildId, true));
  const locks = await read(storage.periodLocks(job.guildId));
  // Sessions are indexed by start: one that began up to a maximum session length before the range
  // can still overlap it; the Timesheet clips them.
  const sessions = await readSessions(
    storage,
    job,
    range.range.startMs - settings.maxSessionMs,
    range.range.endMs,
    options.onRead,
  );
  const byCount = new Map<string, number>();
  for (let i = 0; i < sessions.length; i++) {
    const userId = sessions.userId(i);
    byCount.set(userId, (byCount.get(userId) ?? 0) + 1);
  }
  if (job.userId) byCount.set(job.userId, Number.MAX_SAFE_INTEGER);
  const names = await options.names([...byCount.entries()].sort((a, b) => b[1] - a[1]).map(([id]) => id));
  return buildTimesheet({
    sessions,
    range: range.range,
    zone: job.timezone,
    weekStart: settings.weekStart,
    group: job.group,
    category: job.category,
    server: names.server,
    userId: job.userId,
    generatedAt: options.now(),
    categoryNames: new Map(categories.map((c) => [c.key, c.displayName])),
    memberNames: names.members,
    locks,
    pay: payInput(settings, names.roles),
  });
}

/**
 * Every session that started in [from, to), page by page from storage's session index, into a compact
 * table. The pages are not cached: an export reads each once.
 */
export async function readSessions(
  storage: Storage,
  job: Pick<ExportRenderJob, 'guildId' | 'userId'>,
  from: number,
  to: number,
  onRead?: (count: number) => void | Promise<void>,
): Promise<SessionTable> {
  const sessions = new SessionTable();
  for (let offset = 0; ; offset += PAGE) {
    const page = await read(
      storage.sessionsInRange(
        job.guildId,
        { ...(job.userId ? { userId: job.userId } : {}), from, to, offset, limit: PAGE },
        { cache: false },
      ),
    );
    for (const s of page.sessions) sessions.add(s);
    await onRead?.(sessions.length);
    if (!page.hasMore) return sessions;
  }
}

/** Rates and roles for the pay column; null when the server has no pay currency. */
function payInput(
  settings: GuildSettings,
  roles: Map<string, string[]> | undefined,
): NonNullable<TimesheetInput['pay']> | null {
  const digits = settings.payCurrency ? currencyDigits(settings.payCurrency) : null;
  if (!settings.payCurrency || digits === null) return null;
  return { currency: settings.payCurrency, digits, rates: settings.payRates, roleIds: roles ?? new Map() };
}

export async function read<T>(result: Promise<ReadResult<T>>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new Error(`storage read failed: ${r.code} ${r.message}`);
  return r.value;
}
