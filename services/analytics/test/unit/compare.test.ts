import { categoryInsights, compare } from '../../src/logic/compare';
import { checkRange } from '../../src/logic/dates';
import { recommendations } from '../../src/logic/recommend';
import { periodRange } from '@timekeeper/storage';

const H = 3_600_000;

describe('comparisons', () => {
  // The standing storage reads for each member of this board (ties at 3 h ordered by reach time):
  // a 10 h, b 3 h, c 3 h, d 1 h, e 0.5 h; the median is c's 3 h.
  const standing = (rank: number, ms: number, below: number) => ({
    size: 5,
    own: { rank, ms },
    below,
    medianMs: 3 * H,
  });

  it('percentile: the share of the others with less time — the top member is 100, the last 0', () => {
    expect(compare(standing(1, 10 * H, 4))).toMatchObject({ rank: 1, percentile: 100 });
    expect(compare(standing(5, 0.5 * H, 0))).toMatchObject({ rank: 5, percentile: 0 });
    // b and c tie: both have more than d and e (2 of 4 others) → 50; ranks stay 2 and 3.
    expect(compare(standing(2, 3 * H, 2))).toMatchObject({ rank: 2, percentile: 50 });
    expect(compare(standing(3, 3 * H, 2))).toMatchObject({ rank: 3, percentile: 50 });
  });

  it('against the median', () => {
    expect(compare(standing(4, 1 * H, 1))).toMatchObject({ medianMs: 3 * H, vsMedianMs: -2 * H });
    expect(compare({ size: 5, own: null, below: 0, medianMs: 3 * H })).toBeNull();
    expect(compare({ size: 1, own: { rank: 1, ms: H }, below: 0, medianMs: H })).toMatchObject({
      percentile: null,
    });
  });

  it('category trends have the right sign', () => {
    const rows = categoryInsights(
      new Map([
        ['work', 6 * H],
        ['meeting', 2 * H],
        ['support', H],
      ]),
      new Map([
        ['work', 4 * H],
        ['meeting', 4 * H],
      ]),
    );
    expect(rows.map((r) => [r.category, r.share, r.changePct])).toEqual([
      ['work', 67, 50],
      ['meeting', 22, -50],
      ['support', 11, null],
    ]);
  });
});

describe('week start and ranges', () => {
  // Wednesday 2024-06-05 12:00 UTC
  const at = Date.UTC(2024, 5, 5, 12);
  it('a week starting Monday and one starting Sunday', () => {
    const monday = periodRange('week', at, { timeZone: 'UTC', weekStart: 'monday' });
    const sunday = periodRange('week', at, { timeZone: 'UTC', weekStart: 'sunday' });
    expect([monday.id, new Date(monday.from).toISOString(), new Date(monday.to).toISOString()]).toEqual([
      'w2024-06-03',
      '2024-06-03T00:00:00.000Z',
      '2024-06-10T00:00:00.000Z',
    ]);
    expect([sunday.id, new Date(sunday.from).toISOString(), new Date(sunday.to).toISOString()]).toEqual([
      'w2024-06-02',
      '2024-06-02T00:00:00.000Z',
      '2024-06-09T00:00:00.000Z',
    ]);
  });

  it('custom ranges: refusals say what to do', () => {
    const now = Date.UTC(2024, 5, 5, 12);
    expect(checkRange('2024-06-01', undefined, now, 'UTC')).toEqual({
      ok: true,
      fromDate: '2024-06-01',
      toDate: '2024-06-05',
    });
    expect(checkRange('2024-06-05', '2024-06-01', now, 'UTC')).toMatchObject({
      ok: false,
      message: expect.stringContaining('swap them'),
    });
    expect(checkRange('2024-06-01', '2024-06-06', now, 'UTC')).toMatchObject({
      ok: false,
      message: expect.stringContaining('in the future'),
    });
    expect(checkRange('2019-06-05', '2024-06-05', now, 'UTC')).toMatchObject({
      ok: false,
      message: expect.stringContaining('at most 5 years'),
    });
    expect(checkRange('2019-06-06', '2024-06-05', now, 'UTC')).toMatchObject({ ok: true });
    expect(checkRange('2024-02-30', undefined, now, 'UTC')).toMatchObject({
      ok: false,
      message: expect.stringContaining('YYYY-MM-DD'),
    });
    expect(checkRange(undefined, '2024-06-01', now, 'UTC')).toMatchObject({
      ok: false,
      message: expect.stringContaining('needs `from`'),
    });
    // In Kiritimati (UTC+14) it is already 2024-06-06.
    expect(checkRange('2024-06-06', undefined, now, 'Pacific/Kiritimati')).toMatchObject({
      ok: true,
      toDate: '2024-06-06',
    });
  });
});

describe('recommendations', () => {
  it('each follows from a shown component below 60, weakest first', () => {
    const out = recommendations(
      [
        { name: 'focus', value: 40, reason: '40% of your time is in sessions of 45 min or more' },
        { name: 'trend', value: 55, reason: '3.0 h against 6.0 h' },
        { name: 'balance', value: 90, reason: 'fine' },
        { name: 'consistency', value: null, missing: 'needs 3 active days (1 so far)' },
      ],
      { current: 4, best: 4, todayCounted: false },
    );
    expect(out).toEqual([
      'Focus is 40/100 (40% of your time is in sessions of 45 min or more): group short sessions into longer blocks.',
      'Trend is 55/100 (3.0 h against 6.0 h): your tracked time fell against the period before.',
      "Your streak is 4 days: track today's minimum to keep it going.",
    ]);
  });
});
