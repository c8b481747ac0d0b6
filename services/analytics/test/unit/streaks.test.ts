import { DateTime } from 'luxon';
import { lastLocalDays, totalsByDay, type Interval } from '../../src/logic/days';
import { streaks } from '../../src/logic/streaks';

const H = 3_600_000;
const weights = new Map([
  ['work', 1],
  ['break', 0],
]);
const local = (iso: string, zone: string): number => DateTime.fromISO(iso, { zone }).toMillis();

function run(
  zone: string,
  nowIso: string,
  count: number,
  sessions: [string, string, string?][],
  minimumMs = H,
) {
  const z = { timeZone: zone, weekStart: 'monday' as const };
  const days = lastLocalDays(local(nowIso, zone), count, z);
  const intervals: Interval[] = sessions.map(([a, b, c]) => ({
    start: local(a, zone),
    end: local(b, zone),
    category: c ?? 'work',
  }));
  return { days, result: streaks(totalsByDay(intervals, days), weights, minimumMs) };
}

describe('streaks in the guild zone', () => {
  it('Europe/Berlin across the spring DST change (a 23 h day) and midnight', () => {
    // 2024-03-31 has 23 hours in Berlin. Sessions 23:00–01:00 give 1 h to each side of midnight.
    const { days, result } = run('Europe/Berlin', '2024-04-01T20:00', 4, [
      ['2024-03-29T23:00', '2024-03-30T01:00'], // Fri 1 h, Sat 1 h
      ['2024-03-30T23:00', '2024-03-31T01:00'], // Sat +1 h, Sun 1 h (clock jumps at 02:00, after)
      ['2024-03-31T23:00', '2024-04-01T00:30'], // Sun +1 h, Mon 30 min
    ]);
    expect(days.map((d) => [d.day, (d.endMs - d.startMs) / H])).toEqual([
      ['2024-03-29', 24],
      ['2024-03-30', 24],
      ['2024-03-31', 23],
      ['2024-04-01', 24],
    ]);
    // Fri 1 h ✓, Sat 2 h ✓, Sun 2 h ✓, Mon 0.5 h ✗ (today, not yet): current 3 (up to yesterday), best 3.
    expect(result).toEqual({ current: 3, best: 3, todayCounted: false });
  });

  it('America/New_York across the autumn DST change (a 25 h day)', () => {
    // 2024-11-03 has 25 hours in New York: 00:00–24:00 local is 25 h of tracked time.
    const { days, result } = run(
      'America/New_York',
      '2024-11-04T10:00',
      3,
      [
        ['2024-11-02T22:00', '2024-11-03T00:00'],
        ['2024-11-03T00:00', '2024-11-04T00:00'],
        ['2024-11-04T08:00', '2024-11-04T09:00'],
      ],
      2 * H,
    );
    expect(days.map((d) => (d.endMs - d.startMs) / H)).toEqual([24, 25, 24]);
    // Sat 2 h ✓, Sun 25 h ✓, Mon 1 h ✗ (minimum 2 h): current 2, best 2.
    expect(result).toEqual({ current: 2, best: 2, todayCounted: false });
  });

  it('today counts once it reaches the minimum; break-only days break the streak', () => {
    const { result } = run('UTC', '2024-06-05T12:00', 5, [
      ['2024-06-01T09:00', '2024-06-01T11:00'],
      ['2024-06-02T09:00', '2024-06-02T17:00', 'break'],
      ['2024-06-03T09:00', '2024-06-03T10:00'],
      ['2024-06-04T09:00', '2024-06-04T10:00'],
      ['2024-06-05T09:00', '2024-06-05T10:00'],
    ]);
    expect(result).toEqual({ current: 3, best: 3, todayCounted: true });
  });
});
