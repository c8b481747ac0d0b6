/**
 * The audit trail CSV: entries of the range only, newest first, states readable with local offsets, a
 * reason starting with `=` neutralised, and an empty range that still has its header and says so.
 */
import type { AuditItem } from '@timekeeper/storage';
import Papa from 'papaparse';
import { buildAuditTrail, SYSTEM_ACTOR } from '../../src/logic/audit';
import { LocalClock } from '../../src/logic/local-time';
import { resolveRange } from '../../src/logic/range';
import { AUDIT_HEADER, auditCsv, NO_CHANGES } from '../../src/render/audit-csv';

const ZONE = 'Europe/Berlin';
const clock = new LocalClock(ZONE);
const at = (iso: string): number => new Date(iso).getTime();
const MANAGER = '100000000000000001';
const ADA = '100000000000000002';

const march = resolveRange({ from: '2026-03-01', to: '2026-03-31' }, ZONE, at('2026-04-02T00:00:00Z'));
if (!march.ok) throw new Error(march.message);

function item(n: number, fields: Record<string, unknown>): AuditItem {
  const flat: Record<string, string> = {};
  for (const [k, v] of Object.entries(fields)) flat[k] = typeof v === 'string' ? v : JSON.stringify(v);
  return { id: `${n}-0`, fields: flat };
}

const session = (start: string, end: string, category = 'work') => ({
  id: 's-1',
  userId: ADA,
  category,
  start: at(start),
  end: at(end),
});

const ITEMS: AuditItem[] = [
  item(4, {
    type: 'session.deleted',
    at: at('2026-04-01T10:00:00Z'),
    actor: MANAGER,
    userId: ADA,
    reason: 'after the range',
    before: session('2026-03-15T08:00:00Z', '2026-03-15T16:00:00Z'),
  }),
  item(3, {
    type: 'session.edited',
    at: at('2026-03-20T09:00:00Z'),
    actor: MANAGER,
    userId: ADA,
    reason: '=HYPERLINK("http://evil.example")',
    before: session('2026-03-15T08:00:00Z', '2026-03-15T16:00:00Z'),
    after: session('2026-03-15T08:00:00Z', '2026-03-15T15:30:00Z', 'meeting'),
  }),
  item(2, {
    type: 'clock.auto-closed',
    at: at('2026-03-15T16:00:00Z'),
    actor: 'system',
    userId: ADA,
    before: { id: 's-1', userId: ADA, category: 'work', start: at('2026-03-15T08:00:00Z') },
    after: session('2026-03-15T08:00:00Z', '2026-03-15T16:00:00Z'),
  }),
  item(1, {
    type: 'clock.in',
    at: at('2026-03-15T08:00:00Z'),
    actor: ADA,
    userId: ADA,
    after: { id: 's-1', userId: ADA, category: 'work', start: at('2026-03-15T08:00:00Z') },
  }),
];

function parse(file: Buffer): string[][] {
  expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  return Papa.parse<string[]>(file.toString('utf8').replace(/^\uFEFF/, ''), { skipEmptyLines: true }).data;
}

describe('audit trail CSV', () => {
  const trail = buildAuditTrail({
    items: ITEMS,
    range: march.range,
    clock,
    userId: null,
    memberNames: new Map([
      [MANAGER, 'Mia'],
      [ADA, 'Ada'],
    ]),
    categoryNames: new Map([
      ['work', 'Work'],
      ['meeting', 'Meeting'],
    ]),
  });
  const rows = parse(auditCsv(trail, { bom: true }));

  it('has the header and the changes of the range, newest first', () => {
    expect(rows[0]).toEqual([...AUDIT_HEADER]);
    expect(rows.slice(1).map((r) => r[6])).toEqual([
      'session corrected',
      'closed automatically',
      'clocked in',
    ]);
  });

  it('writes who, whose, when with its offset, and before → after readably', () => {
    const edit = rows[1]!;
    expect(edit.slice(0, 8)).toEqual([
      '2026-03-20T10:00:00+01:00',
      ZONE,
      MANAGER,
      'Mia',
      ADA,
      'Ada',
      'session corrected',
      's-1',
    ]);
    expect(edit[8]).toBe('2026-03-15T09:00:00+01:00 – 2026-03-15T17:00:00+01:00 Work (8:00)');
    expect(edit[9]).toBe('2026-03-15T09:00:00+01:00 – 2026-03-15T16:30:00+01:00 Meeting (7:30)');
    expect(rows[2]![3]).toBe(SYSTEM_ACTOR);
    expect(rows[2]![8]).toBe('running since 2026-03-15T09:00:00+01:00 Work');
    expect(rows[3]![8]).toBe('');
  });

  it('neutralises a reason a spreadsheet would run as a formula', () => {
    expect(rows[1]![10]).toBe(`'=HYPERLINK("http://evil.example")`);
  });

  it('an empty range still has the header and says there were no changes', () => {
    const empty = buildAuditTrail({
      items: [],
      range: march.range,
      clock,
      userId: ADA,
      memberNames: new Map(),
      categoryNames: new Map(),
    });
    const emptyRows = parse(auditCsv(empty, { bom: true }));
    expect(emptyRows[0]).toEqual([...AUDIT_HEADER]);
    expect(emptyRows.slice(1)).toEqual([[NO_CHANGES, ZONE, '', '', '', '', '', '', '', '', '']]);
  });
});
