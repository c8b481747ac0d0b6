/**
 * The Timesheet: the one model every export format is written from, so CSV, PDF and DOCX cannot
 * disagree. Sessions are clipped to the range, split at local midnight where the grouping needs days,
 * grouped, and totalled here once; renderers only lay the numbers out.
 */
import { resolveRate, sessionPay, type ExportGroup, type PayRates } from '@timekeeper/contracts';
import {
  periodsAt,
  splitByLocalDay,
  type CompletedSession,
  type PeriodLock,
  type Weekday,
} from '@timekeeper/storage';
import { wholeSeconds } from './durations';
import { dayLabel, LocalClock } from './local-time';
import type { ExportRange } from './range';

export type EndKind = 'clocked_out' | 'forced' | 'auto_closed';

/** One session, clipped to the range. */
export interface SessionRow {
  readonly sessionId: string;
  readonly userId: string;
  readonly member: string;
  readonly categoryKey: string;
  readonly category: string;
  /** Clipped to the range. */
  readonly start: number;
  readonly end: number;
  readonly ms: number;
  /** Whole seconds; the rows' seconds add up to the total exactly (see `allot`). */
  readonly seconds: number;
  /** The session began before the range or ended after it. */
  readonly clipped: boolean;
  readonly ended: EndKind;
  /** Who forced the clock-out (a name), or ''. */
  readonly closedBy: string;
  readonly flagged: boolean;
  readonly edited: boolean;
  /** Its week or month (by its start) is approved and locked for this member or everyone. */
  readonly approved: boolean;
  readonly note: string;
  readonly reason: string;
  /** Pay in minor units (see contracts' pay.ts); null when no rate applies or pay is not set up. */
  readonly pay: number | null;
}

/** A day's, week's or member's total for one member. */
export interface GroupRow {
  /** `YYYY-MM-DD` of the day or the week's first day; '' when grouped by member. */
  readonly period: string;
  readonly userId: string;
  readonly member: string;
  /** Sessions with time in this group (a session crossing midnight counts in both days). */
  readonly sessions: number;
  readonly ms: number;
  readonly seconds: number;
  /** The sum of its sessions' pay (a session split across groups is split exactly); null: no pay set up. */
  readonly pay: number | null;
}

export interface Total {
  /** Category key or member id; '' for the grand total. */
  readonly key: string;
  readonly label: string;
  readonly ms: number;
  readonly seconds: number;
  readonly sessions: number;
  /** The sum of its rows' pay; null: no pay set up. */
  readonly pay: number | null;
}

export interface TimesheetMeta {
  readonly server: string;
  /** "Ada Lovelace" or "Everyone on the server". */
  readonly scope: string;
  readonly category: string | null;
  readonly group: ExportGroup;
  readonly zone: string;
  readonly from: string;
  readonly to: string;
  readonly generatedAt: number;
  /** Approved (locked) periods the export covers: `week of 2026-03-02 (everyone)`, `2026-03 (Ada)`. */
  readonly approved: readonly string[];
  /** The pay currency and its minor digits; null when pay is not set up. */
  readonly pay: { readonly currency: string; readonly digits: number } | null;
}

export interface Timesheet {
  readonly meta: TimesheetMeta;
  readonly range: ExportRange;
  /** Every session, clipped, oldest first. */
  readonly sessions: readonly SessionRow[];
  /** The rows of the chosen grouping (empty when grouped by session: `sessions` are the rows). */
  readonly groups: readonly GroupRow[];
  readonly total: Total;
  readonly byCategory: readonly Total[];
  readonly byMember: readonly Total[];
  /** Every day of the range with time per category, for the chart. */
  readonly days: readonly { readonly day: string; readonly msByCategory: ReadonlyMap<string, number> }[];
}

/** What an export reads of a stored session (the rest is dropped as pages are read, to save memory). */
export type ExportSession = Pick<
  CompletedSession,
  'id' | 'userId' | 'category' | 'start' | 'end' | 'flags' | 'description' | 'closedBy' | 'reason'
>;

export function exportSession(s: ExportSession): ExportSession {
  return {
    id: s.id,
    userId: s.userId,
    category: s.category,
    start: s.start,
    end: s.end,
    flags: s.flags,
    ...(s.description === undefined ? {} : { description: s.description }),
    ...(s.closedBy === undefined ? {} : { closedBy: s.closedBy }),
    ...(s.reason === undefined ? {} : { reason: s.reason }),
  };
}

export interface TimesheetInput {
  readonly sessions: Iterable<ExportSession>;
  readonly range: ExportRange;
  readonly zone: string;
  readonly weekStart: Weekday;
  readonly group: ExportGroup;
  /** Only this category key; null = all. */
  readonly category: string | null;
  readonly server: string;
  /** A member's id when one member is exported; null for the whole server. */
  readonly userId: string | null;
  readonly generatedAt: number;
  /** Category key → display name; member id → name (unknown ids print as the id). */
  readonly categoryNames: ReadonlyMap<string, string>;
  readonly memberNames: ReadonlyMap<string, string>;
  /** The server's approved (locked) periods; absent = none. */
  readonly locks?: readonly PeriodLock[];
  /** Rates and members' roles; null (or absent) when the server has no pay currency. */
  readonly pay?: {
    readonly currency: string;
    readonly digits: number;
    readonly rates: PayRates;
    readonly roleIds: ReadonlyMap<string, readonly string[]>;
  } | null;
}

export function buildTimesheet(input: TimesheetInput): Timesheet {
  const { range } = input;
  const member = (id: string): string => input.memberNames.get(id) ?? id;
  const category = (key: string): string => input.categoryNames.get(key) ?? key;
  const pay = input.pay ?? null;
  // A rate depends only on the member and the category: resolved once per pair, not per session and piece.
  const rates = new Map<string, number | null>();
  const rateOf = (userId: string, key: string): number | null => {
    if (!pay) return null;
    const pair = `${userId}|${key}`;
    let rate = rates.get(pair);
    if (rate === undefined) {
      rate =
        resolveRate(pay.rates, { userId, roleIds: pay.roleIds.get(userId) ?? [] }, key)?.minorPerHour ?? null;
      rates.set(pair, rate);
    }
    return rate;
  };
  const clippedSessions: SessionRow[] = [];
  for (const s of input.sessions) {
    if (input.userId !== null && s.userId !== input.userId) continue;
    if (input.category !== null && s.category !== input.category) continue;
    const start = Math.max(s.start, range.startMs);
    const end = Math.min(s.end, range.endMs);
    if (end <= start) continue;
    clippedSessions.push({
      sessionId: s.id,
      userId: s.userId,
      member: member(s.userId),
      categoryKey: s.category,
      category: category(s.category),
      start,
      end,
      ms: end - start,
      seconds: 0,
      clipped: start !== s.start || end !== s.end,
      ended: s.flags.autoClosed ? 'auto_closed' : s.flags.forced ? 'forced' : 'clocked_out',
      closedBy: s.flags.forced && s.closedBy ? member(s.closedBy) : '',
      flagged: s.flags.needsReview,
      edited: s.flags.edited,
      approved: false,
      note: s.description ?? '',
      reason: s.reason ?? '',
      pay: null,
    });
  }
  clippedSessions.sort(
    (a, b) => a.start - b.start || a.member.localeCompare(b.member) || cmp(a.sessionId, b.sessionId),
  );
  const sessions = allot(clippedSessions);
  for (const row of sessions) {
    const rate = rateOf(row.userId, row.categoryKey);
    if (rate !== null) (row as { pay: number | null }).pay = sessionPay(row.ms, rate);
  }
  const locks = relevantLocks(input);
  if (locks.length > 0) markApproved(sessions, locks, input);
  const pieces = localPieces(input.zone, input.weekStart);

  const dayMs = new Map<string, Map<string, number>>();
  const groupMap = new Map<
    string,
    { period: string; userId: string; sessions: number; ms: number; pay: number }
  >();
  const byCategory = new Map<string, Sum>();
  const byMember = new Map<string, Sum>();
  for (const row of sessions) {
    add(byCategory, row.categoryKey, row.ms, row.pay ?? 0);
    add(byMember, row.userId, row.ms, row.pay ?? 0);
    const periodsSeen = new Set<string>();
    const rate = rateOf(row.userId, row.categoryKey) ?? 0;
    let splitMs = 0;
    for (const [day, week, ms] of pieces(row.start, row.end)) {
      // Each piece gets the session's pay up to its end minus the pay before it: pieces add up exactly.
      const piecePay = sessionPay(splitMs + ms, rate) - sessionPay(splitMs, rate);
      splitMs += ms;
      const perCategory = dayMs.get(day) ?? new Map<string, number>();
      perCategory.set(row.categoryKey, (perCategory.get(row.categoryKey) ?? 0) + ms);
      dayMs.set(day, perCategory);
      if (input.group === 'session') continue;
      const period = input.group === 'day' ? day : input.group === 'week' ? week() : '';
      const key = `${period}|${row.userId}`;
      const group = groupMap.get(key) ?? { period, userId: row.userId, sessions: 0, ms: 0, pay: 0 };
      group.ms += ms;
      group.pay += piecePay;
      if (!periodsSeen.has(key)) group.sessions += 1;
      periodsSeen.add(key);
      groupMap.set(key, group);
    }
  }
  const groups: GroupRow[] = allot(
    [...groupMap.values()]
      .map((g) => ({ ...g, pay: pay ? g.pay : null, member: member(g.userId), seconds: 0 }))
      .sort((a, b) => cmp(a.period, b.period) || a.member.localeCompare(b.member) || cmp(a.userId, b.userId)),
  );

  const totalMs = sessions.reduce((sum, row) => sum + row.ms, 0);
  return {
    meta: {
      server: input.server,
      scope: input.userId === null ? 'Everyone on the server' : member(input.userId),
      category: input.category === null ? null : category(input.category),
      group: input.group,
      zone: input.zone,
      from: range.from,
      to: range.to,
      generatedAt: input.generatedAt,
      approved: locks.map((lock) => lockLabel(lock, member)),
      pay: pay ? { currency: pay.currency, digits: pay.digits } : null,
    },
    range,
    sessions,
    groups,
    total: {
      key: '',
      label: 'Total',
      ms: totalMs,
      seconds: wholeSeconds(totalMs),
      sessions: sessions.length,
      pay: pay ? sessions.reduce((sum, row) => sum + (row.pay ?? 0), 0) : null,
    },
    byCategory: totals(byCategory, category, pay !== null),
    byMember: totals(byMember, member, pay !== null),
    days: everyDay(range, dayMs),
  };
}

/**
 * Whole seconds per row such that the rows add up to the rounded total exactly: each row gets the
 * rounded running total minus the rounded running total before it (each row is within a second of its
 * own rounding). Sets `seconds` in place (no copy of 100,000 rows).
 */
function allot<T extends { ms: number; readonly seconds: number }>(rows: T[]): T[] {
  let runningMs = 0;
  let allotted = 0;
  for (const row of rows) {
    runningMs += row.ms;
    const seconds = wholeSeconds(runningMs) - allotted;
    allotted += seconds;
    (row as { seconds: number }).seconds = seconds;
  }
  return rows;
}

/**
 * [start, end) as local-day pieces: [day, week (asked only when needed), ms]. A session within one
 * local day (most) is one piece found with the fast LocalClock; one that crosses midnight is split
 * by storage's `splitByLocalDay`, the same split the totals use.
 */
function localPieces(zone: string, weekStart: Weekday) {
  const clock = new LocalClock(zone);
  const labels = new Map<number, string>();
  const weeks = new Map<string, string>();
  const weekOf = (day: string, instant: number) => (): string => {
    let week = weeks.get(day);
    if (week === undefined) weeks.set(day, (week = periodsAt(instant, zone, weekStart).week.slice(1)));
    return week;
  };
  return (start: number, end: number): [string, () => string, number][] => {
    const first = clock.localDay(start);
    if (first === clock.localDay(end - 1)) {
      let day = labels.get(first);
      if (day === undefined) labels.set(first, (day = dayLabel(first)));
      return [[day, weekOf(day, start), end - start]];
    }
    return splitByLocalDay(start, end, zone, weekStart).map(([day, week, , ms]) => [
      day,
      () => week.slice(1),
      ms,
    ]);
  };
}

/** Locks of the exported member (or everyone's) whose week or month overlaps the range. */
function relevantLocks(input: TimesheetInput): PeriodLock[] {
  const { range } = input;
  const firstWeek = periodsAt(range.startMs, input.zone, input.weekStart).week.slice(1);
  return (input.locks ?? [])
    .filter((l) => input.userId === null || l.scope === '*' || l.scope === input.userId)
    .filter((l) => {
      const id = l.periodId.slice(1);
      return l.periodId.startsWith('w')
        ? id >= firstWeek && id <= range.to
        : id >= range.from.slice(0, 7) && id <= range.to.slice(0, 7);
    })
    .sort((a, b) => cmp(a.periodId.slice(1), b.periodId.slice(1)) || cmp(a.scope, b.scope));
}

function markApproved(sessions: SessionRow[], locks: PeriodLock[], input: TimesheetInput): void {
  const locked = new Set(locks.map((l) => `${l.scope}|${l.periodId}`));
  for (const row of sessions) {
    const p = periodsAt(row.start, input.zone, input.weekStart);
    const approved = [row.userId, '*'].some(
      (scope) => locked.has(`${scope}|${p.week}`) || locked.has(`${scope}|${p.month}`),
    );
    (row as { approved: boolean }).approved = approved;
  }
}

function lockLabel(lock: PeriodLock, member: (id: string) => string): string {
  const period = lock.periodId.startsWith('w') ? `week of ${lock.periodId.slice(1)}` : lock.periodId.slice(1);
  return `${period} (${lock.scope === '*' ? 'everyone' : member(lock.scope)})`;
}

interface Sum {
  ms: number;
  sessions: number;
  pay: number;
}

function add(map: Map<string, Sum>, key: string, ms: number, pay: number): void {
  const entry = map.get(key) ?? { ms: 0, sessions: 0, pay: 0 };
  entry.ms += ms;
  entry.sessions += 1;
  entry.pay += pay;
  map.set(key, entry);
}

function totals(map: Map<string, Sum>, name: (key: string) => string, paid: boolean): Total[] {
  return [...map.entries()]
    .map(([key, t]) => ({
      key,
      label: name(key),
      ms: t.ms,
      seconds: wholeSeconds(t.ms),
      sessions: t.sessions,
      pay: paid ? t.pay : null,
    }))
    .sort((a, b) => b.ms - a.ms || a.label.localeCompare(b.label));
}

function everyDay(range: ExportRange, dayMs: Map<string, Map<string, number>>): Timesheet['days'] {
  const days: { day: string; msByCategory: ReadonlyMap<string, number> }[] = [];
  // Calendar days from `from` to `to`, counted in UTC so no zone can skip or repeat one.
  for (let t = Date.parse(`${range.from}T00:00:00Z`); ; t += 86_400_000) {
    const day = new Date(t).toISOString().slice(0, 10);
    days.push({ day, msByCategory: dayMs.get(day) ?? new Map() });
    if (day >= range.to) break;
  }
  return days;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
