/**
 * The Timesheet model: clipping to the range, splitting at local midnight across DST changes and month
 * ends, grouping, and totals that every format shares (row seconds add up to the total exactly).
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { resolveRange, type ExportRange } from '../../src/logic/range';
import { buildTimesheet, type TimesheetInput } from '../../src/logic/timesheet';
import { session } from '../support/sessions';

const ADA = '200000000000000001';
const BO = '200000000000000002';
const HOUR = 3_600_000;

function range(from: string, to: string, zone: string): ExportRange {
  const r = resolveRange({ from, to }, zone, Date.parse('2027-01-01T00:00:00Z'));
  if (!r.ok) throw new Error(r.message);
  return r.range;
}

function local(iso: string, zone: string): number {
  return DateTime.fromISO(iso, { zone }).toMillis();
}

function sheetOf(
  sessions: TimesheetInput['sessions'],
  r: ExportRange,
  zone: string,
  extra: Partial<TimesheetInput> = {},
) {
  return buildTimesheet({
    sessions,
    range: r,
    zone,
    weekStart: 'monday',
    group: 'session',
    category: null,
    server: 'Test',
    userId: null,
    generatedAt: 0,
    categoryNames: new Map([['work', 'Work']]),
    memberNames: new Map([
      [ADA, 'Ada'],
      [BO, 'Bo'],
    ]),
    ...extra,
  });
}

describe('ranges', () => {
  it('a Berlin day in March with the spring change lasts 23 hours; in October 25', () => {
    const spring = range('2026-03-29', '2026-03-29', 'Europe/Berlin');
    expect(spring.endMs - spring.startMs).toBe(23 * HOUR);
    const autumn = range('2026-10-25', '2026-10-25', 'Europe/Berlin');
    expect(autumn.endMs - autumn.startMs).toBe(25 * HOUR);
  });

  it.each([
    [{ from: '2026-02-30' }, /must be a date/],
    [{ from: '26-01-01' }, /must be a date/],
    [{ from: 'yesterday' }, /must be a date/],
    [{ from: '2026-05-02', to: '2026-05-01' }, /is after/],
    [{ from: '2025-01-01', to: '2026-06-01' }, /at most 366 days/],
  ])('refuses %j', (input, message) => {
    const r = resolveRange(input, 'UTC', Date.parse('2026-06-15T12:00:00Z'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });

  it('defaults to the first of this month up to today in the zone', () => {
    // 23:30 UTC on 31 May is already 1 June in Berlin.
    const r = resolveRange({}, 'Europe/Berlin', Date.parse('2026-05-31T23:30:00Z'));
    expect(r.ok && [r.range.from, r.range.to]).toEqual(['2026-06-01', '2026-06-01']);
  });
});

describe('clipping and splitting', () => {
  it('clips sessions at both edges of the range and marks them', () => {
    const zone = 'America/New_York';
    const r = range('2026-03-01', '2026-03-31', zone);
    const sheet = sheetOf(
      [
        session({
          userId: ADA,
          start: local('2026-02-28T22:00', zone),
          end: local('2026-03-01T02:00', zone),
        }),
        session({
          userId: ADA,
          start: local('2026-03-31T23:00', zone),
          end: local('2026-04-01T01:30', zone),
        }),
        session({ userId: BO, start: local('2026-02-27T08:00', zone), end: local('2026-02-27T09:00', zone) }),
      ],
      r,
      zone,
    );
    expect([...sheet.sessions].map((s) => [s.seconds, s.clipped])).toEqual([
      [2 * 3600, true],
      [1 * 3600, true],
    ]);
    expect(sheet.total.seconds).toBe(3 * 3600);
  });

  it('splits a night across the New York spring change by day: 23:00–05:00 is 5 hours, 1 + 4', () => {
    const zone = 'America/New_York';
    const r = range('2026-03-07', '2026-03-08', zone);
    const s = session(
      { userId: ADA, start: local('2026-03-07T23:00', zone), end: local('2026-03-08T05:00', zone) },
      zone,
    );
    const sheet = sheetOf([s], r, zone, { group: 'day' });
    expect(sheet.groups.map((g) => [g.period, g.seconds, g.sessions])).toEqual([
      ['2026-03-07', 3600, 1],
      ['2026-03-08', 4 * 3600, 1],
    ]);
    expect(sheet.total.seconds).toBe(5 * 3600);
    // Storage credited the same pieces.
    expect(s.pieces.map((p) => p[3])).toEqual([HOUR, 4 * HOUR]);
  });

  it('splits a Berlin night across the autumn change: 22:00–06:00 is 9 hours, 2 + 7', () => {
    const zone = 'Europe/Berlin';
    const r = range('2026-10-24', '2026-10-25', zone);
    const s = session(
      { userId: ADA, start: local('2026-10-24T22:00', zone), end: local('2026-10-25T06:00', zone) },
      zone,
    );
    const sheet = sheetOf([s], r, zone, { group: 'day' });
    expect(sheet.groups.map((g) => [g.period, g.seconds])).toEqual([
      ['2026-10-24', 2 * 3600],
      ['2026-10-25', 7 * 3600],
    ]);
  });

  it('groups weeks from the server week start and months end without losing a second', () => {
    const zone = 'Europe/Berlin';
    const r = range('2026-01-26', '2026-02-08', zone);
    const sheet = sheetOf(
      [
        // Saturday 31 Jan 22:00 → Sunday 1 Feb 02:00: one week, two months.
        session(
          { userId: ADA, start: local('2026-01-31T22:00', zone), end: local('2026-02-01T02:00', zone) },
          zone,
        ),
        // Sunday 1 Feb 23:00 → Monday 2 Feb 01:00: two weeks.
        session(
          { userId: ADA, start: local('2026-02-01T23:00', zone), end: local('2026-02-02T01:00', zone) },
          zone,
        ),
      ],
      r,
      zone,
      { group: 'week' },
    );
    expect(sheet.groups.map((g) => [g.period, g.seconds, g.sessions])).toEqual([
      ['2026-01-26', 5 * 3600, 2],
      ['2026-02-02', 1 * 3600, 1],
    ]);
    expect(sheet.total.seconds).toBe(6 * 3600);
    expect(sheet.days.find((d) => d.day === '2026-02-01')?.msByCategory.get('work')).toBe(3 * HOUR);
  });

  it('filters by member and category, and says how each session ended', () => {
    const zone = 'UTC';
    const r = range('2026-05-01', '2026-05-31', zone);
    const sheet = sheetOf(
      [
        session({
          userId: ADA,
          start: local('2026-05-02T08:00', zone),
          end: local('2026-05-02T09:00', zone),
          flags: { forced: true, autoClosed: false, edited: true, needsReview: false },
          closedBy: BO,
          description: 'stand-up',
        }),
        session({
          userId: ADA,
          start: local('2026-05-03T08:00', zone),
          end: local('2026-05-03T20:00', zone),
          flags: { forced: false, autoClosed: true, edited: false, needsReview: true },
        }),
        session({
          userId: ADA,
          category: 'break',
          start: local('2026-05-04T08:00', zone),
          end: local('2026-05-04T09:00', zone),
        }),
        session({ userId: BO, start: local('2026-05-02T08:00', zone), end: local('2026-05-02T09:00', zone) }),
      ],
      r,
      zone,
      { userId: ADA, category: 'work' },
    );
    expect(sheet.meta.scope).toBe('Ada');
    expect([...sheet.sessions].map((s) => [s.ended, s.closedBy, s.edited, s.flagged, s.note])).toEqual([
      ['forced', 'Bo', true, false, 'stand-up'],
      ['auto_closed', '', false, true, ''],
    ]);
    expect(sheet.byCategory.map((t) => [t.label, t.seconds])).toEqual([['Work', 13 * 3600]]);
  });
});

describe('totals', () => {
  const zone = 'Europe/Berlin';
  const r = range('2026-03-01', '2026-04-30', zone);
  const arbitrarySessions = fc.array(
    fc.record({
      user: fc.constantFrom(ADA, BO),
      start: fc.integer({ min: r.startMs - 30 * HOUR, max: r.endMs }),
      length: fc.integer({ min: 1, max: 30 * HOUR }),
    }),
    { maxLength: 60 },
  );

  it('row seconds add up to the total; per-day pieces add up to each session (property)', () => {
    fc.assert(
      fc.property(arbitrarySessions, fc.constantFrom('session', 'day', 'week', 'member'), (drawn, group) => {
        const sessions = drawn.map((d) =>
          session({ userId: d.user, start: d.start, end: d.start + d.length }, zone),
        );
        const sheet = sheetOf(sessions, r, zone, { group: group as never });
        const expectedMs = sessions.reduce(
          (sum, s) => sum + Math.max(0, Math.min(s.end, r.endMs) - Math.max(s.start, r.startMs)),
          0,
        );
        expect(sheet.total.ms).toBe(expectedMs);
        expect(sheet.total.seconds).toBe(Math.round(expectedMs / 1000));
        expect([...sheet.sessions].reduce((sum, s) => sum + s.seconds, 0)).toBe(sheet.total.seconds);
        if (group !== 'session')
          expect(sheet.groups.reduce((sum, g) => sum + g.seconds, 0)).toBe(sheet.total.seconds);
        const dayMs = sheet.days.reduce(
          (sum, d) => sum + [...d.msByCategory.values()].reduce((a, b) => a + b, 0),
          0,
        );
        expect(dayMs).toBe(expectedMs);
        expect(sheet.byMember.reduce((sum, t) => sum + t.ms, 0)).toBe(expectedMs);
      }),
      { numRuns: 100 },
    );
  });

  it('an empty range has a zero total and every day listed', () => {
    const sheet = sheetOf([], range('2026-02-01', '2026-02-28', 'UTC'), 'UTC');
    expect(sheet.total).toMatchObject({ seconds: 0, sessions: 0 });
    expect(sheet.days).toHaveLength(28);
  });
});

describe('approved (locked) periods', () => {
  const zone = 'Europe/Berlin';
  const lock = (scope: string, periodId: string) => ({ scope, periodId, by: BO, at: 0 });
  const sessions = [
    session({ userId: ADA, start: local('2026-03-03T09:00', zone), end: local('2026-03-03T10:00', zone) }),
    session({ userId: BO, start: local('2026-03-04T09:00', zone), end: local('2026-03-04T10:00', zone) }),
    session({ userId: ADA, start: local('2026-03-10T09:00', zone), end: local('2026-03-10T10:00', zone) }),
  ];

  it("marks the sessions of a member's approved week and names the period", () => {
    const sheet = sheetOf(sessions, range('2026-03-01', '2026-03-31', zone), zone, {
      locks: [lock(ADA, 'w2026-03-02'), lock(BO, 'm2026-01')],
    });
    expect([...sheet.sessions].map((s) => [s.member, s.approved])).toEqual([
      ['Ada', true],
      ['Bo', false],
      ['Ada', false],
    ]);
    expect(sheet.meta.approved).toEqual(['week of 2026-03-02 (Ada)']);
  });

  it("an everyone lock of the month marks every session; another member's lock is left out of one member's export", () => {
    const r = range('2026-03-01', '2026-03-31', zone);
    const all = sheetOf(sessions, r, zone, { locks: [lock('*', 'm2026-03')] });
    expect([...all.sessions].every((s) => s.approved)).toBe(true);
    expect(all.meta.approved).toEqual(['2026-03 (everyone)']);
    const bo = sheetOf(sessions, r, zone, { userId: BO, locks: [lock(ADA, 'w2026-03-02')] });
    expect([...bo.sessions].map((s) => s.approved)).toEqual([false]);
    expect(bo.meta.approved).toEqual([]);
  });
});
