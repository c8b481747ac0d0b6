/** What PDF and DOCX show alike: the summary tables, the chart's data, the texts a report contains. */
import { renderStackedDays } from '@timekeeper/charts';
import { decimalHours } from '@timekeeper/contracts';
import { hoursMinutes, payAmount } from '../logic/durations';
import type { Timesheet, Total } from '../logic/timesheet';
import type { Column } from './columns';
import { readable, shortened } from './readable';

/** Renders the hours-per-day chart (stacked by category) as a PNG. */
export type ChartRenderer = (input: {
  title: string;
  labels: string[];
  series: { name: string; values: number[] }[];
}) => Promise<Buffer>;

/** The hours-per-day chart (the charts package loads chart.js and the canvas on its first render). */
export const stackedDaysChart: ChartRenderer = renderStackedDays;

/** Progress of a long render, reported in rows. */
export type Progress = (done: number, total: number) => void | Promise<void>;

export interface DocumentOptions {
  readonly chart: ChartRenderer | null;
  readonly onProgress?: Progress;
}

export const TOTAL_COLUMNS: readonly Column<Total>[] = [
  { key: 'name', title: 'Name', width: 40, cell: (t) => t.label },
  { key: 'sessions', title: 'Sessions', width: 12, align: 'right', cell: (t) => t.sessions },
  {
    key: 'duration',
    title: 'Duration (h:mm)',
    width: 16,
    align: 'right',
    cell: (t) => hoursMinutes(t.seconds),
  },
  {
    key: 'hours',
    title: 'Hours',
    width: 12,
    align: 'right',
    cell: (t) => decimalHours(t.seconds * 1000).toFixed(2),
  },
  { key: 'seconds', title: 'Seconds', width: 14, align: 'right', cell: (t) => t.seconds },
];

/** The totals' columns: with a pay column when the server has a pay currency. */
export function totalColumns(sheet: Timesheet): readonly Column<Total>[] {
  const pay = sheet.meta.pay;
  if (!pay) return TOTAL_COLUMNS;
  return [
    ...TOTAL_COLUMNS,
    {
      key: 'pay',
      title: `Pay (${pay.currency})`,
      width: 14,
      align: 'right',
      cell: (t) => payAmount(t.pay, pay),
    },
  ];
}

export function totalCells(columns: readonly Column<Total>[]): (t: Total) => string[] {
  return (t) => columns.map((c) => shortened(readable(String(c.cell(t, null as never)))));
}

/** The sentence under the title that states the total, the same in PDF and DOCX. */
export function totalSentence(sheet: Timesheet): string {
  if (sheet.sessions.length === 0) return 'No sessions in this range.';
  const t = sheet.total;
  const pay = sheet.meta.pay ? `; pay ${sheet.meta.pay.currency} ${payAmount(t.pay, sheet.meta.pay)}` : '';
  return `Total: ${hoursMinutes(t.seconds)} (${decimalHours(t.seconds * 1000).toFixed(2)} h, ${t.seconds} s) in ${t.sessions} session${t.sessions === 1 ? '' : 's'}${pay}.`;
}

/** Chart input: hours per day, one series per category (largest first). */
export function chartInput(sheet: Timesheet): Parameters<ChartRenderer>[0] {
  return {
    title: 'Hours per day',
    labels: sheet.days.map((d) => d.day.slice(5)),
    series: sheet.byCategory.map((category) => ({
      name: category.label,
      values: sheet.days.map(
        (d) => Math.round(((d.msByCategory.get(category.key) ?? 0) / 3_600_000) * 100) / 100,
      ),
    })),
  };
}

/** Every user-supplied text a report prints (to pick fonts before drawing). */
export function reportTexts(sheet: Timesheet): Iterable<string> {
  const texts = new Set<string>([sheet.meta.server, sheet.meta.scope, sheet.meta.category ?? '']);
  for (const s of sheet.sessions) {
    texts.add(s.member);
    texts.add(s.category);
    texts.add(s.note);
    texts.add(s.closedBy);
  }
  return texts;
}
