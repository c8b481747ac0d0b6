/**
 * The Timesheet: the one model every export format is written from, so CSV, PDF and DOCX cannot
 * disagree. Sessions are clipped to the range, split at local midnight where the grouping needs days,
 * grouped, and totalled here once; renderers only lay the numbers out. The session rows are not held:
 * the sheet keeps the sessions' order (indexes into a compact SessionTable) and makes each row as a
 * renderer reads it, so a 100,000-session export holds its sessions once, compactly, and never all its rows.
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
import { SessionTable } from './session-table';
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

/** Rows a renderer reads in order; `length` is known before the first is made. */
export interface Rows<R> extends Iterable<R> {
  readonly length: number;
}

export interface Timesheet {
  readonly meta: TimesheetMeta;
  readonly range: ExportRange;
  /** Every session, clipped, oldest first: each pass makes the rows afresh (they are not held). */
  readonly sessions: Rows<SessionRow>;
  /** The rows of the chosen grouping (empty when grouped by session: `sessions` are the rows). */
  readonly groups: readonly GroupRow[];
  readonly total: Total;
  readonly byCategory: readonly Total[];
  readonly byMember: readonly Total[];
  /** Every day of the range with time per category, for the chart. */
  readonly days: readonly { readonly day: string; readonly msByCategory: ReadonlyMap<string, number> }[];
}

/** What an export reads of a stored session (kept in a SessionTable as pages are read). */
export type ExportSession = Pick<
  CompletedSession,
  'id' | 'userId' | 'category' | 'start' | 'end' | 'flags' | 'description' | 'closedBy' | 'reason'
>;

export interface TimesheetInput {
  /** A SessionTable is used as it is; other sessions are put in one. */
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
  const table = SessionTable.of(input.sessions);
  const startOf = (i: number): number => Math.max(table.start(i), range.startMs);
  const endOf = (i: number): number => Math.min(table.end(i), range.endMs);
  // The rows, as indexes into the table, in row order.
  const kept: number[] = [];
  for (let i = 0; i < table.length; i++) {
    if (input.userId !== null && table.userId(i) !== input.userId) continue;
    if (input.category !== null && table.category(i) !== input.category) continue;
    if (endOf(i) > startOf(i)) kept.push(i);
  }
  kept.sort(
    (a, b) =>
      startOf(a) - startOf(b) ||
      member(table.userId(a)).localeCompare(member(table.userId(b))) ||
      cmp(table.id(a), table.id(b)),
  );
  const locks = relevantLocks(input);
  const approved = approvedCheck(locks, input.zone, input.weekStart);
  const { pieces, week } = localPieces(input.zone, input.weekStart);

  const dayMs = new Map<string, Map<string, number>>();
  const groupMap = new Map<
    string,
    { period: string; userId: string; sessions: number; ms: number; pay: number }
  >();
  const byCategory = new Map<string, Sum>();
  const byMember = new Map<string, Sum>();
  let totalMs = 0;
  let totalPay = 0;
  for (const i of kept) {
    const start = startOf(i);
    const end = endOf(i);
    const userId = table.userId(i);
    const categoryKey = table.category(i);
    const rate = rateOf(userId, categoryKey);
    const rowPay = rate === null ? 0 : sessionPay(end - start, rate);
    totalMs += end - start;
    totalPay += rowPay;
    add(byCategory, categoryKey, end - start, rowPay);
    add(byMember, userId, end - start, rowPay);
    let lastKey = '';
    let splitMs = 0;
    for (const [day, at, ms] of pieces(start, end)) {
      // Each piece gets the session's pay up to its end minus the pay before it: pieces add up exactly.
      const piecePay = sessionPay(splitMs + ms, rate ?? 0) - sessionPay(splitMs, rate ?? 0);
      splitMs += ms;
      const perCategory = dayMs.get(day) ?? new Map<string, number>();
      perCategory.set(categoryKey, (perCategory.get(categoryKey) ?? 0) + ms);
      dayMs.set(day, perCategory);
      if (input.group === 'session') continue;
      const period = input.group === 'day' ? day : input.group === 'week' ? week(day, at) : '';
      const key = `${period}|${userId}`;
      const group = groupMap.get(key) ?? { period, userId, sessions: 0, ms: 0, pay: 0 };
      group.ms += ms;
      group.pay += piecePay;
      // A session's pieces are in order, so its pieces in one group follow each other.
      if (key !== lastKey) group.sessions += 1;
      lastKey = key;
      groupMap.set(key, group);
    }
  }
  const groups: GroupRow[] = allot(
    [...groupMap.values()]
      .map((g) => ({ ...g, pay: pay ? g.pay : null, member: member(g.userId), seconds: 0 }))
      .sort((a, b) => cmp(a.period, b.period) || a.member.localeCompare(b.member) || cmp(a.userId, b.userId)),
  );

  /** The row of table entry i, with its allotted whole seconds. */
  const row = (i: number, seconds: number): SessionRow => {
    const start = startOf(i);
    const end = endOf(i);
    const userId = table.userId(i);
    const categoryKey = table.category(i);
    const flags = table.flags(i);
    const closedBy = table.closedBy(i);
    const rate = rateOf(userId, categoryKey);
    return {
      sessionId: table.id(i),
      userId,
      member: member(userId),
      categoryKey,
      category: category(categoryKey),
      start,
      end,
      ms: end - start,
      seconds,
      clipped: start !== table.start(i) || end !== table.end(i),
      ended: flags.autoClosed ? 'auto_closed' : flags.forced ? 'forced' : 'clocked_out',
      closedBy: flags.forced && closedBy ? member(closedBy) : '',
      flagged: flags.needsReview,
      edited: flags.edited,
      approved: approved(userId, start),
      note: table.description(i) ?? '',
      reason: table.reason(i) ?? '',
      pay: rate === null ? null : sessionPay(end - start, rate),
    };
  };
  const sessions: Rows<SessionRow> = {
    length: kept.length,
    *[Symbol.iterator]() {
      const seconds = secondsAllotter();
      for (const i of kept) yield row(i, seconds(endOf(i) - startOf(i)));
    },
  };

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
      sessions: kept.length,
      pay: pay ? totalPay : null,
    },
    byCategory: totals(byCategory, category, pay !== null),
    byMember: totals(byMember, member, pay !== null),
    days: everyDay(range, dayMs),
  };
}

/**
 * Whole seconds per row such that the rows add up to the rounded total exactly: each row gets the
 * rounded running total minus the rounded running total before it (each row is within a second of its
 * own rounding). Give it each row's ms in order.
 */
function secondsAllotter(): (ms: number) => number {
  let runningMs = 0;
  let allotted = 0;
  return (ms) => {
    runningMs += ms;
    const seconds = wholeSeconds(runningMs) - allotted;
    allotted += seconds;
    return seconds;
  };
}

/** Sets each row's `seconds` in place (secondsAllotter). */
function allot<T extends { ms: number; readonly seconds: number }>(rows: T[]): T[] {
  const seconds = secondsAllotter();
  for (const row of rows) (row as { seconds: number }).seconds = seconds(row.ms);
  return rows;
}

/**
 * [start, end) as local-day pieces: [day, the piece's first instant, ms]. A session within one local day
 * (most) is one piece found with the fast LocalClock; one that crosses midnight is split by storage's
 * `splitByLocalDay`, the same split the totals use. `week` gives a piece's week (asked only when needed).
 */
function localPieces(zone: string, weekStart: Weekday) {
  const clock = new LocalClock(zone);
  const labels = new Map<number, string>();
  const weeks = new Map<string, string>();
  const week = (day: string, instant: number): string => {
    let label = weeks.get(day);
    if (label === undefined) weeks.set(day, (label = periodsAt(instant, zone, weekStart).week.slice(1)));
    return label;
  };
  const pieces = (start: number, end: number): [string, number, number][] => {
    const first = clock.localDay(start);
    if (first === clock.localDay(end - 1)) {
      let day = labels.get(first);
      if (day === undefined) labels.set(first, (day = dayLabel(first)));
      return [[day, start, end - start]];
    }
    let at = start;
    return splitByLocalDay(start, end, zone, weekStart).map(([day, , , ms]) => {
      const piece: [string, number, number] = [day, at, ms];
      at += ms;
      return piece;
    });
  };
  return { pieces, week };
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

/**
 * Whether a member's session starting at an instant is approved: its week or month (by the local day it
 * starts on) is locked for the member or for everyone. Periods are looked up once per local day.
 */
function approvedCheck(
  locks: readonly PeriodLock[],
  zone: string,
  weekStart: Weekday,
): (userId: string, start: number) => boolean {
  if (locks.length === 0) return () => false;
  const locked = new Set(locks.map((l) => `${l.scope}|${l.periodId}`));
  const clock = new LocalClock(zone);
  const byDay = new Map<number, { week: string; month: string }>();
  return (userId, start) => {
    const day = clock.localDay(start);
    let p = byDay.get(day);
    if (p === undefined) byDay.set(day, (p = periodsAt(start, zone, weekStart)));
    const { week, month } = p;
    return [userId, '*'].some((scope) => locked.has(`${scope}|${week}`) || locked.has(`${scope}|${month}`));
  };
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
