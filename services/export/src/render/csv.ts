/**
 * CSV for spreadsheets and payroll: the detail rows (one file) and the totals (a second file), written
 * with papaparse in chunks of rows so a 100,000-session export never exists as one string. Every text
 * cell passes our formula check (formula-escape.ts); numbers stay numbers.
 */
import Papa from 'papaparse';
import type { LocalClock } from '../logic/local-time';
import { decimalHours } from '@timekeeper/contracts';
import { hoursMinutes, payAmount } from '../logic/durations';
import type { Rows, Total, Timesheet } from '../logic/timesheet';
import { detailTable, type Cell, type Column } from './columns';
import { neutraliseFormula } from './formula-escape';

export interface CsvOptions {
  /** Start with a UTF-8 byte order mark so Excel reads the file as UTF-8. */
  readonly bom: boolean;
  /** Rows per chunk (default 500). */
  readonly chunkRows?: number;
  /** Called after each chunk with the rows written so far. */
  readonly onProgress?: (done: number, total: number) => void | Promise<void>;
}

/** The byte order mark (as UTF-8: EF BB BF). */
const BOM = '\ufeff';
/** Small chunks: a chunk's rows and cells are all the detail file holds in memory besides its bytes. */
const DEFAULT_CHUNK_ROWS = 500;

/** A header and rows of cells → CSV text with CRLF line ends, every text cell neutralised. */
export function csvText(header: readonly string[] | null, rows: readonly (readonly Cell[])[]): string {
  return unparse(
    header,
    rows.map((row) => row.map(safeCell)),
  );
}

function safeCell(cell: Cell): Cell {
  return typeof cell === 'string' ? neutraliseFormula(cell) : cell;
}

/** A header and rows of safe cells → CSV text with CRLF line ends. */
function unparse(header: readonly string[] | null, rows: Cell[][]): string {
  const text = Papa.unparse(header ? { fields: [...header], data: rows } : rows, {
    newline: '\r\n',
    // OWASP: a neutralised cell is also quoted.
    quotes: (value: unknown) => typeof value === 'string' && value.startsWith("'"),
    escapeFormulae: false,
  });
  return text.length > 0 ? `${text}\r\n` : '';
}

/**
 * The detail file, chunk by chunk (text; UTF-8 once written), made as the sheet's rows are made: only one
 * chunk of rows exists at a time. The zone is named in a column of every row.
 */
export async function* detailCsv(
  sheet: Timesheet,
  clock: LocalClock,
  options: CsvOptions,
): AsyncGenerator<string> {
  const table = detailTable(sheet);
  const columns = table.columns as readonly Column<unknown>[];
  const rows = table.rows as Rows<unknown>;
  const zone = neutraliseFormula(sheet.meta.zone);
  const chunkRows = options.chunkRows ?? DEFAULT_CHUNK_ROWS;
  if (options.bom) yield BOM;
  yield csvText(null, [[...columns.map((c) => c.key), 'time_zone']]);
  let chunk: Cell[][] = [];
  let done = 0;
  for (const row of rows) {
    const cells: Cell[] = columns.map((c) => safeCell(c.cell(row, clock)));
    cells.push(zone);
    chunk.push(cells);
    if (chunk.length === chunkRows) {
      yield unparse(null, chunk);
      done += chunk.length;
      chunk = [];
      await options.onProgress?.(done, rows.length);
    }
  }
  if (chunk.length > 0) {
    yield unparse(null, chunk);
    await options.onProgress?.(rows.length, rows.length);
  }
}

const TOTAL_HEADER = ['section', 'name', 'sessions', 'seconds', 'duration', 'hours'];

/** The totals file: what the export covers, then the total, per category and per member. */
export function totalsCsv(sheet: Timesheet, clock: LocalClock, options: Pick<CsvOptions, 'bom'>): Buffer {
  const m = sheet.meta;
  const pay = m.pay;
  const info = (name: string, value: string): Cell[] => [
    'info',
    `${name}: ${value}`,
    '',
    '',
    '',
    '',
    ...(pay ? [''] : []),
  ];
  const line = (section: string, t: Total): Cell[] => [
    section,
    t.label,
    t.sessions,
    t.seconds,
    hoursMinutes(t.seconds),
    decimalHours(t.seconds * 1000),
    ...(pay ? [payAmount(t.pay, pay)] : []),
  ];
  const rows: Cell[][] = [
    info('server', m.server),
    info('member', m.scope),
    info('category', m.category ?? 'all'),
    info('period', `${m.from} to ${m.to}`),
    info('time zone', m.zone),
    info('approved', m.approved.length === 0 ? 'none' : m.approved.join(', ')),
    ...(pay ? [info('currency', pay.currency)] : []),
    info('generated', clock.iso(m.generatedAt)),
    ...(sheet.sessions.length === 0 ? [info('note', 'no sessions in this range')] : []),
    line('total', sheet.total),
    ...sheet.byCategory.map((t) => line('category', t)),
    ...sheet.byMember.map((t) => line('member', t)),
  ];
  return csvFile(pay ? [...TOTAL_HEADER, 'pay'] : TOTAL_HEADER, rows, options);
}

/** A whole CSV file in one buffer (for files that are small by nature). */
export function csvFile(
  header: readonly string[],
  rows: readonly (readonly Cell[])[],
  options: Pick<CsvOptions, 'bom'>,
): Buffer {
  return Buffer.from(`${options.bom ? BOM : ''}${csvText(header, rows)}`, 'utf8');
}
