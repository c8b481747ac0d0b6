/**
 * Files over the upload limit: compressed into one ZIP if that fits, else (CSV only) the rows split into
 * parts that each fit, header repeated. Says what it did, for the message.
 */
import { zipSync } from 'fflate';
import type { ExportFile } from '../render/files';

export type Fitted =
  | { readonly how: 'as-is' | 'compressed' | 'split'; readonly files: ExportFile[] }
  | { readonly how: 'too-large'; readonly files: [] };

/** Discord accepts at most 10 files per message. */
export const MAX_FILES = 10;

export function fitUpload(files: ExportFile[], limitBytes: number, zipName: string): Fitted {
  if (files.every((f) => f.data.length <= limitBytes)) return { how: 'as-is', files };
  const zip = Buffer.from(
    zipSync(Object.fromEntries(files.map((f) => [f.name, new Uint8Array(f.data)])), { level: 9 }),
  );
  if (zip.length <= limitBytes) return { how: 'compressed', files: [{ name: zipName, data: zip }] };
  const parts: ExportFile[] = [];
  for (const file of files) {
    if (file.data.length <= limitBytes) parts.push(file);
    else if (file.name.endsWith('.csv')) parts.push(...splitCsv(file, limitBytes));
    else return { how: 'too-large', files: [] };
  }
  return parts.length <= MAX_FILES ? { how: 'split', files: parts } : { how: 'too-large', files: [] };
}

/** Splits a CSV at row boundaries (CRLF outside quotes) into parts ≤ limit, each with the header. */
export function splitCsv(file: ExportFile, limitBytes: number): ExportFile[] {
  const text = file.data.toString('utf8');
  const rows = csvRows(text);
  const header = rows.shift() ?? '';
  const parts: string[] = [];
  let current = header;
  for (const row of rows) {
    if (Buffer.byteLength(current + row) > limitBytes && current !== header) {
      parts.push(current);
      current = header;
    }
    current += row;
  }
  parts.push(current);
  const stem = file.name.replace(/\.csv$/, '');
  return parts.map((data, i) => ({
    name: `${stem}-part${i + 1}of${parts.length}.csv`,
    data: Buffer.from(data, 'utf8'),
  }));
}

/** Rows with their line ends; a newline inside quotes stays in its row. */
function csvRows(text: string): string[] {
  const rows: string[] = [];
  let start = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) {
      rows.push(text.slice(start, i + 1));
      start = i + 1;
    }
  }
  if (start < text.length) rows.push(text.slice(start));
  return rows;
}
