/**
 * The Word report (docx): the same content as the PDF — title block, summary, per-category and
 * per-member tables, the chart as an image, the detail table — with real tables whose header row
 * repeats on every page (written by docx-table.ts), and "Page n of N" in the footer. Word and LibreOffice draw the names with their
 * own font fallback and shape Arabic themselves; a right-to-left name is embedded right to left
 * (bidi.ts) so it reads as in the PDF; emoji become "[emoji]" as in the PDF (readable.ts) and
 * characters XML forbids are dropped.
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  Packer,
  PageNumber,
  PageOrientation,
  Paragraph,
  TextRun,
} from 'docx';
import type { LocalClock } from '../logic/local-time';
import type { Rows, Timesheet } from '../logic/timesheet';
import { detailTable, printedCells, titleLines, type Column } from './columns';
import { chartInput, totalColumns, totalCells, totalSentence, type DocumentOptions } from './shared';
import { CELL_STYLE, placeholder, spliceTables, tableXml } from './docx-table';
import { withDirection } from './bidi';
import { readable } from './readable';
import { pngDimensions } from '@timekeeper/charts';

const FONT = 'DejaVu Sans';
const SIZE = 16; // half-points: 8 pt in tables

/** Characters XML 1.0 cannot carry (control characters, unpaired surrogates). */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
  /[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafe(text: string): string {
  return text.replace(XML_INVALID, '');
}

export async function renderDocx(
  sheet: Timesheet,
  clock: LocalClock,
  options: DocumentOptions,
): Promise<Buffer> {
  const title = `Timesheet — ${sheet.meta.server}`;
  const tables: string[] = [];
  const totals = totalColumns(sheet);
  const cells = totalCells(totals);
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: [run(title, { size: 32, bold: true })] }),
    ...titleLines(sheet, clock).map(
      ([key, value]) => new Paragraph({ children: [run(`${key}: `, { bold: true }), run(value)] }),
    ),
    new Paragraph({ spacing: { before: 120 }, children: [run(totalSentence(sheet))] }),
    heading('Summary'),
    table(tables, totals, [cells(sheet.total)]),
  ];
  if (sheet.byCategory.length > 0) {
    children.push(heading('By category'), table(tables, totals, sheet.byCategory.map(cells)));
  }
  if (sheet.byMember.length > 0) {
    children.push(heading('By member'), table(tables, totals, sheet.byMember.map(cells)));
  }
  if (options.chart && sheet.sessions.length > 0) {
    const png = await options.chart(chartInput(sheet));
    const { width, height } = pngDimensions(png);
    const scale = Math.min(1, 600 / width);
    children.push(
      heading('Hours per day'),
      new Paragraph({
        children: [
          new ImageRun({
            type: 'png',
            data: png,
            transformation: { width: Math.round(width * scale), height: Math.round(height * scale) },
            altText: {
              name: 'Hours per day',
              description: 'Hours per day, stacked by category',
              title: 'Hours per day',
            },
          }),
        ],
      }),
    );
  }
  const detail = detailTable(sheet);
  const columns = (detail.columns as readonly Column<unknown>[]).filter((c) => c.width !== undefined);
  const rows = detail.rows as Rows<unknown>;
  children.push(
    new Paragraph({
      heading: HeadingLevel.HEADING_2,
      pageBreakBefore: true,
      children: [
        run(detail.kind === 'session' ? 'Sessions' : `Totals by ${sheet.meta.group}`, {
          bold: true,
          size: 26,
        }),
      ],
    }),
  );
  if (rows.length === 0) children.push(new Paragraph({ children: [run('No sessions in this range.')] }));
  else {
    const cells: string[][] = [];
    for (const row of rows) {
      cells.push(printedCells(columns, row, clock));
      if (cells.length % 1000 === 0) await options.onProgress?.(cells.length, rows.length);
    }
    children.push(table(tables, columns, cells), new Paragraph({}));
  }

  const doc = new Document({
    creator: 'Timekeeper',
    title,
    styles: {
      default: { document: { run: { font: FONT, size: 18 } } },
      paragraphStyles: [
        {
          id: CELL_STYLE,
          name: 'Table cell',
          run: { font: FONT, size: SIZE },
          paragraph: { spacing: { before: 0, after: 0 } },
        },
      ],
    },
    sections: [
      {
        properties: {
          page: {
            size: { orientation: PageOrientation.LANDSCAPE },
            margin: { top: 720, bottom: 720, left: 720, right: 720 },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.RIGHT,
                children: [
                  run(`Timekeeper · ${sheet.meta.server} · ${sheet.meta.zone} · Page `, { size: SIZE }),
                  new TextRun({ children: [PageNumber.CURRENT], size: SIZE, font: FONT }),
                  run(' of ', { size: SIZE }),
                  new TextRun({ children: [PageNumber.TOTAL_PAGES], size: SIZE, font: FONT }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return spliceTables(await Packer.toBuffer(doc), tables);
}

function run(text: string, options: { bold?: boolean; size?: number } = {}): TextRun {
  return new TextRun({ text: withDirection(xmlSafe(readable(text))), font: FONT, ...options });
}

function heading(text: string): Paragraph {
  return new Paragraph({
    heading: HeadingLevel.HEADING_2,
    keepNext: true,
    spacing: { before: 240 },
    children: [run(text, { bold: true, size: 26 })],
  });
}

/** A table as a placeholder paragraph; `spliceTables` puts the real table there after packing. */
function table(
  tables: string[],
  columns: readonly Column<never>[],
  rows: readonly (readonly string[])[],
): Paragraph {
  const printed = columns.map((c) => ({ title: c.title, width: c.width ?? 10, align: c.align }));
  tables.push(
    tableXml(
      printed,
      rows.map((cells) => cells.map((cell) => withDirection(xmlSafe(readable(cell))))),
    ),
  );
  return new Paragraph({ children: [new TextRun(placeholder(tables.length - 1))] });
}
