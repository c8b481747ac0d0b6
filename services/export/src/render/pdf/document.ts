/** The PDF report: title block, summary, per-category and per-member tables, chart, detail table. */
import type { LocalClock } from '../../logic/local-time';
import type { Rows, Timesheet } from '../../logic/timesheet';
import { detailTable, printedCells, titleLines, type Column } from '../columns';
import {
  chartInput,
  reportTexts,
  totalColumns,
  totalCells,
  totalSentence,
  type DocumentOptions,
} from '../shared';
import { PdfWriter } from './writer';

export async function renderPdf(
  sheet: Timesheet,
  clock: LocalClock,
  options: DocumentOptions,
): Promise<Buffer> {
  const title = `Timesheet — ${sheet.meta.server}`;
  const pdf = await PdfWriter.create(title, reportTexts(sheet));
  pdf.heading(title, 16);
  pdf.keyValues(titleLines(sheet, clock));
  pdf.gap(6);
  pdf.paragraph(totalSentence(sheet));

  const totals = totalColumns(sheet);
  const cells = totalCells(totals);
  pdf.heading('Summary');
  await pdf.table(totals.map(printable), [cells(sheet.total)]);
  if (sheet.byCategory.length > 0) {
    pdf.heading('By category');
    await pdf.table(totals.map(printable), sheet.byCategory.map(cells));
  }
  if (sheet.byMember.length > 0) {
    pdf.heading('By member');
    await pdf.table(totals.map(printable), sheet.byMember.map(cells));
  }
  if (options.chart && sheet.sessions.length > 0) {
    await pdf.image('Hours per day', await options.chart(chartInput(sheet)));
  }

  const detail = detailTable(sheet);
  const columns = (detail.columns as readonly Column<unknown>[]).filter((c) => c.width !== undefined);
  const rows = detail.rows as Rows<unknown>;
  pdf.newPage();
  pdf.heading(detail.kind === 'session' ? 'Sessions' : `Totals by ${sheet.meta.group}`);
  if (rows.length === 0) pdf.paragraph('No sessions in this range.');
  else {
    const cells = Array.from(rows, (row) => printedCells(columns, row, clock));
    await pdf.table(columns.map(printable), cells, {
      onRows: (done) => options.onProgress?.(done, rows.length),
    });
  }
  const bytes = await pdf.finish(
    `Timekeeper · ${sheet.meta.server} · ${sheet.meta.scope} · ${sheet.meta.from} to ${sheet.meta.to} · ${sheet.meta.zone}`,
  );
  return Buffer.from(bytes);
}

function printable(column: Column<never>): { title: string; width: number; align?: 'left' | 'right' } {
  return { title: column.title, width: column.width ?? 10, ...(column.align ? { align: column.align } : {}) };
}
