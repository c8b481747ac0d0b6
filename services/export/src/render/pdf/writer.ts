/**
 * A small page-layout engine on pdf-lib: text in font runs, truncation to a width, key/value blocks,
 * tables that break across pages with their header repeated, images, and "Page n of N" footers.
 */
import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, type PDFName, type PDFPage } from 'pdf-lib';
import { embedFonts, fallbacksFor, fontRuns, type Fallback, type PdfFonts, type Run } from './fonts';

const PAGE: [number, number] = [841.89, 595.28]; // A4 landscape
const MARGIN = 36;
const FOOTER = 20;
/** Colours as content-stream operands. */
const GREY = '0.93 0.93 0.93';
const RULE = '0.7 0.7 0.7';
const TEXT = '0.1 0.1 0.1';

export interface TableColumn {
  readonly title: string;
  /** Relative width. */
  readonly width: number;
  readonly align?: 'left' | 'right' | undefined;
}

export class PdfWriter {
  readonly contentWidth = PAGE[0] - 2 * MARGIN;
  private page!: PDFPage;
  private y = 0;
  private readonly fallbacks = new Map<Fallback, PDFFont>();
  private readonly widths = new Map<PDFFont, Map<string, number>>();
  /**
   * Text, rectangles and rules are written as raw content-stream operators, one stream per page added
   * at the end: pdf-lib's `drawText` builds operator objects, a new font resource and a separately
   * compressed stream per page, which made a 10,000-row table take seconds. Images still go through
   * pdf-lib (they share no area with other drawing).
   */
  private readonly text = new Map<PDFPage, { ops: string[]; fonts: Map<PDFFont, PDFName> }>();

  private constructor(
    readonly doc: PDFDocument,
    private readonly fonts: PdfFonts,
  ) {
    this.newPage();
  }

  /** `texts`: every text the document will show, so that the fallback fonts it needs are embedded. */
  static async create(title: string, texts: Iterable<string>): Promise<PdfWriter> {
    const doc = await PDFDocument.create();
    doc.setTitle(title);
    doc.setProducer('Timekeeper');
    doc.setCreator('Timekeeper');
    const writer = new PdfWriter(doc, await embedFonts(doc));
    for (const name of fallbacksFor([title, ...texts])) {
      writer.fallbacks.set(name, await writer.fonts.fallback(name));
    }
    return writer;
  }

  newPage(): void {
    this.page = this.doc.addPage(PAGE);
    this.y = PAGE[1] - MARGIN;
  }

  /** Moves to a new page unless `height` points still fit above the footer. */
  ensure(height: number): void {
    if (this.y - height < MARGIN + FOOTER) this.newPage();
  }

  gap(points: number): void {
    this.y -= points;
  }

  heading(text: string, size = 13): void {
    this.ensure(size * 2.2);
    this.y -= size * 1.4;
    this.draw(text, MARGIN, this.y, size, true);
    this.y -= size * 0.6;
  }

  keyValues(lines: readonly (readonly [string, string])[], size = 9.5): void {
    for (const [key, value] of lines) {
      this.ensure(size * 1.6);
      this.y -= size * 1.5;
      this.draw(key, MARGIN, this.y, size, true);
      this.draw(this.fit(value, this.contentWidth - 110, size, false), MARGIN + 110, this.y, size, false);
    }
  }

  paragraph(text: string, size = 9.5): void {
    this.ensure(size * 1.8);
    this.y -= size * 1.6;
    this.draw(this.fit(text, this.contentWidth, size, false), MARGIN, this.y, size, false);
  }

  /** A table; its header is drawn again at the top of every page it continues on. */
  async table(
    columns: readonly TableColumn[],
    rows: readonly (readonly string[])[],
    options: { size?: number; onRows?: (done: number) => void | Promise<void> } = {},
  ): Promise<void> {
    const size = options.size ?? 8;
    const rowHeight = size * 1.6;
    const totalWeight = columns.reduce((sum, c) => sum + c.width, 0);
    const widths = columns.map((c) => (c.width / totalWeight) * this.contentWidth);
    const header = (): void => {
      this.y -= rowHeight;
      this.ops().push(
        `${GREY} rg ${num(MARGIN)} ${num(this.y - size * 0.45)} ${num(this.contentWidth)} ${num(rowHeight)} re f`,
      );
      this.cells(
        columns.map((c) => c.title),
        columns,
        widths,
        size,
        true,
      );
    };
    this.ensure(rowHeight * 3);
    header();
    for (let i = 0; i < rows.length; i++) {
      if (this.y - rowHeight < MARGIN + FOOTER) {
        this.newPage();
        header();
      }
      this.y -= rowHeight;
      this.cells(rows[i]!, columns, widths, size, false);
      if (options.onRows && (i + 1) % 500 === 0) await options.onRows(i + 1);
    }
    const ruleY = num(this.y - size * 0.6);
    this.ops().push(`${RULE} RG 0.5 w ${MARGIN} ${ruleY} m ${num(MARGIN + this.contentWidth)} ${ruleY} l S`);
    this.y -= size;
  }

  /** An image under its heading, both moved to the next page together when they do not fit. */
  async image(heading: string, png: Buffer, maxWidth = 560): Promise<void> {
    const image = await this.doc.embedPng(png);
    const scale = Math.min(1, maxWidth / image.width);
    const width = image.width * scale;
    const height = image.height * scale;
    this.ensure(height + 40);
    this.heading(heading);
    this.y -= height + 6;
    this.page.drawImage(image, { x: MARGIN, y: this.y, width, height });
  }

  /** "Page n of N" and a line naming the report on every page; then the file's bytes. */
  async finish(footer: string): Promise<Uint8Array> {
    const pages = this.doc.getPages();
    pages.forEach((page, i) => {
      this.page = page;
      const label = `Page ${i + 1} of ${pages.length}`;
      const size = 8;
      this.draw(this.fit(footer, this.contentWidth - 120, size, false), MARGIN, MARGIN - 4, size, false);
      this.draw(
        label,
        MARGIN + this.contentWidth - this.measure(label, size, false),
        MARGIN - 4,
        size,
        false,
      );
    });
    for (const [page, { ops }] of this.text) {
      const stream = this.doc.context.stream(deflateSync(Buffer.from(ops.join('\n'), 'latin1')), {
        Filter: 'FlateDecode',
      });
      page.node.addContentStream(this.doc.context.register(stream));
    }
    this.text.clear();
    return this.doc.save({ useObjectStreams: true });
  }

  private cells(
    cells: readonly string[],
    columns: readonly TableColumn[],
    widths: number[],
    size: number,
    bold: boolean,
  ): void {
    let x = MARGIN;
    cells.forEach((cell, i) => {
      const width = widths[i]!;
      const text = this.fit(cell, width - 6, size, bold);
      const left = columns[i]?.align === 'right' ? x + width - 3 - this.measure(text, size, bold) : x + 3;
      this.draw(text, left, this.y, size, bold);
      x += width;
    });
  }

  /** The text cut to `width` points, with an ellipsis when it was cut. */
  fit(text: string, width: number, size: number, bold: boolean): string {
    if (this.measure(text, size, bold) <= width) return text;
    const chars = [...text];
    let lo = 0;
    let hi = chars.length;
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (this.measure(`${chars.slice(0, mid).join('')}…`, size, bold) <= width) lo = mid;
      else hi = mid - 1;
    }
    return `${chars.slice(0, lo).join('')}…`;
  }

  measure(text: string, size: number, bold: boolean): number {
    let width = 0;
    for (const run of fontRuns(text)) {
      const font = this.fontOf(run, bold);
      let cache = this.widths.get(font);
      if (!cache) this.widths.set(font, (cache = new Map()));
      for (const char of run.text) {
        let w = cache.get(char);
        if (w === undefined) cache.set(char, (w = font.widthOfTextAtSize(char, 1)));
        width += w;
      }
    }
    return width * size;
  }

  /** This page's operators. */
  private ops(): string[] {
    return this.pageText().ops;
  }

  private pageText(): { ops: string[]; fonts: Map<PDFFont, PDFName> } {
    let page = this.text.get(this.page);
    if (!page) this.text.set(this.page, (page = { ops: [], fonts: new Map() }));
    return page;
  }

  private draw(text: string, x: number, y: number, size: number, bold: boolean): void {
    const page = this.pageText();
    let left = x;
    for (const run of fontRuns(text)) {
      const font = this.fontOf(run, bold);
      let key = page.fonts.get(font);
      if (!key) page.fonts.set(font, (key = this.page.node.newFontDictionary(font.name, font.ref)));
      page.ops.push(
        `BT ${key.toString()} ${num(size)} Tf ${TEXT} rg 1 0 0 1 ${num(left)} ${num(y)} Tm ${font.encodeText(run.text).toString()} Tj ET`,
      );
      left += this.measure(run.text, size, bold);
    }
  }

  private fontOf(run: Run, bold: boolean): PDFFont {
    const fallback = run.font === 'main' ? undefined : this.fallbacks.get(run.font);
    if (fallback) return fallback;
    return bold ? this.fonts.bold : this.fonts.regular;
  }
}

function num(value: number): string {
  return String(Math.round(value * 100) / 100);
}
