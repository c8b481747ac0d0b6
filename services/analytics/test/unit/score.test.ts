import { totalsByDay, lastLocalDays, type Interval } from '../../src/logic/days';
import {
  balance,
  consistency,
  focus,
  productivityScore,
  sessionQuality,
  timePatterns,
  trend,
  type ScoreInput,
  type SessionFact,
} from '../../src/logic/score';

const H = 3_600_000;
const MIN = 60_000;
const UTC = { timeZone: 'UTC', weekStart: 'monday' as const };
/** Monday 2024-06-03 00:00 UTC; the period is that Monday to Sunday 2024-06-09. */
const D0 = Date.UTC(2024, 5, 3);
const at = (day: number, hour: number, minute = 0): number => D0 + day * 24 * H + hour * H + minute * MIN;
const weights = new Map([
  ['work', 1],
  ['meeting', 1],
  ['break', 0],
]);

function input(sessions: SessionFact[], previous: Interval[] = []): ScoreInput {
  const days = lastLocalDays(at(6, 23), 14, UTC);
  const all = totalsByDay([...previous, ...sessions], days);
  return {
    days: all.slice(7),
    previousDays: all.slice(0, 7),
    sessions,
    weights,
    workHours: { start: 9 * 60, end: 17 * 60 },
    zone: UTC,
  };
}

const s = (day: number, fromH: number, toH: number, category = 'work'): SessionFact => ({
  start: at(day, fromH),
  end: at(day, toH),
  category,
  lengthMs: (toH - fromH) * H,
});

describe('score components (hand-computed)', () => {
  // Mon 09–13 and 14–17 (7 h, a 1 h gap), Tue 09–11 (2 h), Wed 20–21 (1 h, outside work hours),
  // Thu 09:00–09:10 (10 min), Fri 08–20 (12 h, no break): 5 active days of 7.
  const week: SessionFact[] = [
    s(0, 9, 13),
    s(0, 14, 17),
    s(1, 9, 11),
    s(2, 20, 21),
    { start: at(3, 9), end: at(3, 9, 10), category: 'work', lengthMs: 10 * MIN },
    s(4, 8, 20),
  ];
  const i = input(week, [{ start: at(-7, 9), end: at(-7, 19), category: 'work' }]);

  it('consistency: 0.6 × active share + 0.4 × (1 − coefficient of variation)', () => {
    // Daily hours 7, 2, 1, 1/6, 12: mean 4.4333…, population sd 4.3897…, cv 0.99016.
    // 0.6 × 5/7 + 0.4 × (1 − 0.99016) = 0.42857 + 0.00394 = 0.43251 → 43
    expect(consistency(i)).toMatchObject({
      value: 43,
      reason: expect.stringContaining('5 of 7 days active'),
    });
  });

  it('balance: long days, long weeks, breaks on full days', () => {
    // One day over 10 h of 5 active (0.8 kept), no 7-day block over 50 h (1), days of 6 h+: Monday
    // (gap of 1 h: a break) and Friday (none) → 1/2. 0.5 × 0.8 + 0.25 × 1 + 0.25 × 0.5 = 0.775 → 78
    expect(balance(i)).toMatchObject({ value: 78 });
  });

  it('time patterns: share inside 09:00–17:00', () => {
    // Inside: 4 + 3 + 2 + 0 + 1/6 + 8 = 17.1667 h of 22.1667 h → 77.44% → 77
    expect(timePatterns(i)).toMatchObject({ value: 77 });
  });

  it('session quality: sessions of 25 min to 4 h', () => {
    // 4 h, 3 h, 2 h, 1 h are in the band; 10 min and 12 h are not → 4/6 → 67
    expect(sessionQuality(i)).toMatchObject({
      value: 67,
      reason: '4 of 6 sessions last between 25 min and 4 h',
    });
  });

  it('focus: share of time in sessions of 45 min or more', () => {
    // Everything but the 10 min: 22 h of 22.1667 h → 99.25% → 99
    expect(focus(i)).toMatchObject({ value: 99 });
  });

  it('trend: 50 + 50 × (now − before) / (now + before), with the right sign', () => {
    // 22.1667 h now against 10 h before: 0.5 + 0.5 × 12.1667 / 32.1667 = 0.68912 → 69, "+122%"
    expect(trend(i)).toMatchObject({ value: 69, reason: expect.stringContaining('(+122%)') });
    const down = trend(
      input(
        [s(0, 9, 10), s(1, 9, 10), s(2, 9, 10)],
        [{ start: at(-7, 9), end: at(-7, 15), category: 'work' }],
      ),
    );
    // 3 h against 6 h: 0.5 + 0.5 × (−3 / 9) = 0.3333 → 33, "−50%"
    expect(down).toMatchObject({ value: 33, reason: expect.stringContaining('(−50%)') });
  });

  it('the score is the weighted mean of the components that have data', () => {
    // (20×43 + 15×78 + 15×77 + 15×67 + 15×99 + 20×69) / 100 = (860 + 1170 + 1155 + 1005 + 1485 + 1380) / 100 = 70.55 → 71
    expect(productivityScore(i).value).toBe(71);
  });

  it('trend without a previous period is left out, not invented', () => {
    const fresh = input(week);
    expect(trend(fresh)).toMatchObject({ value: null, missing: 'needs tracked time in the 7 days before' });
    // (860 + 1170 + 1155 + 1005 + 1485) / 80 = 70.94 → 71
    expect(productivityScore(fresh).value).toBe(71);
  });

  it('breaks count for nothing but balance; too few active days give no score', () => {
    const few = productivityScore(input([s(0, 9, 12), s(1, 9, 12), s(2, 9, 17, 'break')]));
    expect(few.value).toBeNull();
    expect(few.missing).toContain('at least 3 days of the period (2 so far)');
  });

  it('never saturates: a perfect-looking week stays under 100 when the trend is flat', () => {
    const steady = [0, 1, 2, 3, 4, 5, 6].map((d) => s(d, 9, 12));
    const prev = [0, 1, 2, 3, 4, 5, 6].map((d) => ({
      start: at(d - 7, 9),
      end: at(d - 7, 12),
      category: 'work',
    }));
    const score = productivityScore(input(steady, prev));
    // consistency 100, balance 100, patterns 100, quality 100, focus 100, trend 50 → 90
    expect(score.value).toBe(90);
  });
});
