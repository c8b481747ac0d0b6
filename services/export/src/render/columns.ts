/**
 * What each row of an export says, in one place for every format. CSV writes every column; PDF and
 * DOCX lay out the columns that have a `width`. New columns (e.g. an approved-period mark) and new
 * kinds of rows are added here and appear in all three formats.
 */
import { decimalHours } from '@timekeeper/contracts';
import { hoursMinutes, payAmount } from '../logic/durations';
import type { LocalClock } from '../logic/local-time';
import type { GroupRow, Rows, SessionRow, Timesheet } from '../logic/timesheet';
import { readable, shortened } from './readable';

export type Cell = string | number;

export interface Column<R> {
  /** The CSV header: snake_case, stable for spreadsheets and payroll imports. */
  readonly key: string;
  /** The header people read in PDF and DOCX. */
  readonly title: string;
  /** Relative width in PDF/DOCX tables; absent = CSV only. */
  readonly width?: number;
  readonly align?: 'left' | 'right';
  readonly cell: (row: R, clock: LocalClock) => Cell;
  /** The text people read in PDF/DOCX, when it differs from the CSV cell. */
  readonly text?: (row: R, clock: LocalClock) => string;
}

const ENDED_TEXT: Record<SessionRow['ended'], string> = {
  clocked_out: 'clocked out',
  forced: 'forced',
  auto_closed: 'auto-closed',
};

/** How a session ended, for people: "forced by Mia; edited; flagged for review". */
export function endedText(row: SessionRow): string {
  const parts = [
    row.ended === 'forced' && row.closedBy ? `forced by ${row.closedBy}` : ENDED_TEXT[row.ended],
  ];
  if (row.edited) parts.push('edited');
  if (row.flagged) parts.push('flagged for review');
  return parts.join('; ');
}

function durationColumns<R extends { seconds: number }>(): Column<R>[] {
  return [
    { key: 'seconds', title: 'Seconds', cell: (r) => r.seconds },
    { key: 'duration', title: 'Duration', width: 7, align: 'right', cell: (r) => hoursMinutes(r.seconds) },
    {
      key: 'hours',
      title: 'Hours',
      width: 7,
      align: 'right',
      cell: (r) => decimalHours(r.seconds * 1000),
      text: (r) => decimalHours(r.seconds * 1000).toFixed(2),
    },
  ];
}

export const SESSION_COLUMNS: readonly Column<SessionRow>[] = [
  { key: 'member', title: 'Member', width: 16, cell: (r) => r.member },
  { key: 'member_id', title: 'Member id', cell: (r) => r.userId },
  { key: 'category', title: 'Category', width: 11, cell: (r) => r.category },
  {
    key: 'start',
    title: 'Start',
    width: 14,
    cell: (r, c) => c.iso(r.start),
    text: (r, c) => c.short(r.start),
  },
  { key: 'end', title: 'End', width: 14, cell: (r, c) => c.iso(r.end), text: (r, c) => c.short(r.end) },
  ...durationColumns<SessionRow>(),
  { key: 'clipped', title: 'Clipped', cell: (r) => (r.clipped ? 'yes' : 'no') },
  { key: 'ended', title: 'Ended', width: 16, cell: (r) => r.ended, text: endedText },
  { key: 'closed_by', title: 'Closed by', cell: (r) => r.closedBy },
  { key: 'flagged', title: 'Flagged', cell: (r) => (r.flagged ? 'yes' : 'no') },
  { key: 'edited', title: 'Edited', cell: (r) => (r.edited ? 'yes' : 'no') },
  { key: 'approved', title: 'Approved', cell: (r) => (r.approved ? 'yes' : 'no') },
  { key: 'note', title: 'Note', width: 15, cell: (r) => r.note },
  { key: 'reason', title: 'Reason', cell: (r) => r.reason },
  { key: 'session_id', title: 'Session id', cell: (r) => r.sessionId },
];

function groupColumns(period: string | null): Column<GroupRow>[] {
  return [
    ...(period === null
      ? []
      : [
          {
            key: period,
            title: period === 'day' ? 'Day' : 'Week of',
            width: 10,
            cell: (r: GroupRow) => r.period,
          },
        ]),
    { key: 'member', title: 'Member', width: 22, cell: (r) => r.member },
    { key: 'member_id', title: 'Member id', cell: (r) => r.userId },
    { key: 'sessions', title: 'Sessions', width: 7, align: 'right', cell: (r) => r.sessions },
    ...durationColumns<GroupRow>(),
  ];
}

/** The detail rows of a timesheet and their columns, by grouping. */
export type DetailTable =
  | {
      readonly kind: 'session';
      readonly columns: readonly Column<SessionRow>[];
      readonly rows: Rows<SessionRow>;
    }
  | {
      readonly kind: 'group';
      readonly columns: readonly Column<GroupRow>[];
      readonly rows: Rows<GroupRow>;
    };

/** The pay column, when the server has a pay currency: minor units written as an amount (`93.00`). */
export function payColumns<R extends { pay: number | null }>(sheet: Timesheet): Column<R>[] {
  const pay = sheet.meta.pay;
  if (!pay) return [];
  return [
    {
      key: 'pay',
      title: `Pay (${pay.currency})`,
      width: 8,
      align: 'right',
      cell: (r) => payAmount(r.pay, pay),
    },
  ];
}

export function detailTable(sheet: Timesheet): DetailTable {
  switch (sheet.meta.group) {
    case 'session':
      return {
        kind: 'session',
        columns: [...SESSION_COLUMNS, ...payColumns<SessionRow>(sheet)],
        rows: sheet.sessions,
      };
    case 'day':
    case 'week':
      return {
        kind: 'group',
        columns: [...groupColumns(sheet.meta.group), ...payColumns<GroupRow>(sheet)],
        rows: sheet.groups,
      };
    case 'member':
      return {
        kind: 'group',
        columns: [...groupColumns(null), ...payColumns<GroupRow>(sheet)],
        rows: sheet.groups,
      };
  }
}

/** The cells of one row as people read them (PDF/DOCX), for the columns that have a width. */
export function printedCells<R>(columns: readonly Column<R>[], row: R, clock: LocalClock): string[] {
  return columns
    .filter((c) => c.width !== undefined)
    .map((c) => shortened(readable(c.text ? c.text(row, clock) : String(c.cell(row, clock)))));
}

/** The title block's lines, shared by PDF and DOCX. */
export function titleLines(sheet: Timesheet, clock: LocalClock): [string, string][] {
  const m = sheet.meta;
  return [
    ['Server', m.server],
    ['Member', m.scope],
    ['Category', m.category ?? 'All categories'],
    ['Period', `${m.from} to ${m.to} (inclusive)`],
    ['Time zone', `${m.zone} (UTC${clock.offsetLabel(sheet.range.startMs)} on ${m.from})`],
    ['Grouped by', m.group],
    ['Approved', m.approved.length === 0 ? 'no approved (locked) periods' : m.approved.join(', ')],
    ['Generated', clock.iso(m.generatedAt)],
  ];
}
