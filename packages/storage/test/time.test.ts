import fc from 'fast-check';
import { DateTime } from 'luxon';
import { localDayAt, splitByLocalDay } from '../src/model/time';
import { WEEKDAYS } from '../src/model/types';

export const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Lord_Howe', 'Asia/Kolkata'];

const at = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();

describe('splitByLocalDay', () => {
  it('keeps a session inside one day whole', () => {
    const start = at('2024-05-02T09:00', 'Europe/Berlin');
    expect(splitByLocalDay(start, start + 3_600_000, 'Europe/Berlin', 'monday')).toEqual([
      ['2024-05-02', 'w2024-04-29', 'm2024-05', 3_600_000],
    ]);
  });

  it('splits at local midnight, not UTC midnight', () => {
    const start = at('2024-05-31T23:00', 'Asia/Kolkata');
    const pieces = splitByLocalDay(start, start + 2 * 3_600_000, 'Asia/Kolkata', 'monday');
    expect(pieces).toEqual([
      ['2024-05-31', 'w2024-05-27', 'm2024-05', 3_600_000],
      ['2024-06-01', 'w2024-05-27', 'm2024-06', 3_600_000],
    ]);
  });

  it('counts a 23-hour spring-forward day in New York', () => {
    const start = at('2024-03-10T00:00', 'America/New_York');
    const end = at('2024-03-11T00:00', 'America/New_York');
    expect(splitByLocalDay(start, end, 'America/New_York', 'sunday')).toEqual([
      ['2024-03-10', 'w2024-03-10', 'm2024-03', 23 * 3_600_000],
    ]);
  });

  it('counts a 23.5-hour day at Lord Howe (half-hour DST)', () => {
    const start = at('2024-10-06T00:00', 'Australia/Lord_Howe');
    const end = at('2024-10-07T00:00', 'Australia/Lord_Howe');
    const pieces = splitByLocalDay(start, end, 'Australia/Lord_Howe', 'monday');
    expect(pieces).toHaveLength(1);
    expect(pieces[0]![3]).toBe(23.5 * 3_600_000);
  });

  it('uses the week start of the guild', () => {
    const t = at('2024-05-05T12:00', 'UTC'); // a Sunday
    expect(localDayAt(t, 'UTC', 'monday').week).toBe('w2024-04-29');
    expect(localDayAt(t, 'UTC', 'sunday').week).toBe('w2024-05-05');
    expect(localDayAt(t, 'UTC', 'saturday').week).toBe('w2024-05-04');
  });

  it('refuses an interval that ends before it starts', () => {
    expect(() => splitByLocalDay(10, 5, 'UTC', 'monday')).toThrow(RangeError);
  });

  it('property: pieces sum to the duration and sit on consecutive local days', () => {
    const base = Date.UTC(2024, 0, 1);
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.constantFrom(...WEEKDAYS),
        fc.integer({ min: 0, max: 2 * 365 * 86_400_000 }),
        fc.integer({ min: 0, max: 4 * 86_400_000 }),
        (zone, weekStart, offset, duration) => {
          const start = base + offset;
          const pieces = splitByLocalDay(start, start + duration, zone, weekStart);
          expect(pieces.reduce((n, p) => n + p[3], 0)).toBe(duration);
          let cursor = start;
          for (const [day, week, month, ms] of pieces) {
            const local = DateTime.fromMillis(cursor, { zone });
            expect(day).toBe(local.toISODate());
            expect(month).toBe(`m${local.toFormat('yyyy-MM')}`);
            const weekDate = DateTime.fromISO(week.slice(1), { zone });
            expect(weekDate.weekday).toBe(WEEKDAYS.indexOf(weekStart) + 1);
            const daysIntoWeek = local.startOf('day').diff(weekDate, 'days').days;
            expect(Math.round(daysIntoWeek)).toBeGreaterThanOrEqual(0);
            expect(Math.round(daysIntoWeek)).toBeLessThan(7);
            expect(ms).toBeGreaterThan(0);
            cursor += ms;
            // Every cut falls exactly on a local midnight.
            if (cursor < start + duration)
              expect(DateTime.fromMillis(cursor, { zone }).toFormat('HH:mm:ss.SSS')).toBe('00:00:00.000');
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
