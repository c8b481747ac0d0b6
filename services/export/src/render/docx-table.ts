/**
 * WordprocessingML tables written as text. The docx package builds an object per row, cell, paragraph
 * and run and serialises them one by one: a 2,000-row table took over ten seconds. The document is
 * still made with docx; each table goes in as a placeholder paragraph that `spliceTables` replaces with
 * this XML (the same elements docx writes: header rows marked to repeat, rows that never split).
 */
import { unzipSync, zipSync } from 'fflate';

/** Table width in twentieths of a point: A4 landscape less two half-inch margins. */
const TABLE_TWIPS = 16838 - 2 * 720;
/**
 * The paragraph style of every table cell (font size, no spacing), defined once in the document's
 * styles so that a cell carries only its text: per-cell run properties made a 10,000-row table's XML
 * four times larger and its packing several times slower.
 */
export const CELL_STYLE = 'TkCell';

export interface XmlColumn {
  readonly title: string;
  readonly width: number;
  readonly align?: 'left' | 'right' | undefined;
}

export function placeholder(index: number): string {
  return `TKTABLE${index}TK`;
}

export function tableXml(columns: readonly XmlColumn[], rows: readonly (readonly string[])[]): string {
  const weight = columns.reduce((sum, c) => sum + c.width, 0);
  const widths = columns.map((c) => Math.floor((c.width / weight) * TABLE_TWIPS));
  const border = (side: string): string =>
    `<w:${side} w:val="single" w:sz="4" w:space="0" w:color="BBBBBB"/>`;
  const run = (text: string, bold: boolean): string =>
    `<w:r>${bold ? '<w:rPr><w:b/><w:bCs/></w:rPr>' : ''}<w:t xml:space="preserve">${escapeXml(text)}</w:t></w:r>`;
  const cellStart = widths.map(
    (w, i) =>
      `<w:tcPr><w:tcW w:w="${w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:pStyle w:val="${CELL_STYLE}"/>${columns[i]?.align === 'right' ? '<w:jc w:val="right"/>' : ''}</w:pPr>`,
  );
  const cells = (texts: readonly string[], header: boolean): string =>
    texts
      .map((text, i) =>
        header
          ? `<w:tc>${cellStart[i]!.replace('</w:tcPr>', '<w:shd w:val="clear" w:color="auto" w:fill="EEEEEE"/></w:tcPr>')}${run(text, true)}</w:p></w:tc>`
          : `<w:tc>${cellStart[i]}${run(text, false)}</w:p></w:tc>`,
      )
      .join('');
  const parts = [
    `<w:tbl><w:tblPr><w:tblW w:w="${TABLE_TWIPS}" w:type="dxa"/><w:tblBorders>${['top', 'left', 'bottom', 'right', 'insideH', 'insideV'].map(border).join('')}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>`,
    `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`,
    `<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>${cells(
      columns.map((c) => c.title),
      true,
    )}</w:tr>`,
  ];
  for (const row of rows) parts.push(`<w:tr><w:trPr><w:cantSplit/></w:trPr>${cells(row, false)}</w:tr>`);
  parts.push('</w:tbl>');
  return parts.join('');
}

/** Replaces each placeholder paragraph in word/document.xml with its table. */
export function spliceTables(docx: Buffer, tables: readonly string[]): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  let xml = Buffer.from(files['word/document.xml']!).toString('utf8');
  tables.forEach((table, i) => {
    const at = xml.indexOf(placeholder(i));
    if (at < 0) throw new Error(`table placeholder ${i} missing`);
    const start = Math.max(xml.lastIndexOf('<w:p>', at), xml.lastIndexOf('<w:p ', at));
    const end = xml.indexOf('</w:p>', at) + '</w:p>'.length;
    xml = `${xml.slice(0, start)}${table}${xml.slice(end)}`;
  });
  files['word/document.xml'] = new Uint8Array(Buffer.from(xml, 'utf8'));
  return Buffer.from(zipSync(files, { level: 6 }));
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };

export function escapeXml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);
}
