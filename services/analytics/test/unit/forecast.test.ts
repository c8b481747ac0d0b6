import {
  FORECAST_SETTINGS,
  forecastNextWeek,
  type NoForecast,
  type WeekForecast,
} from '../../src/logic/forecast';
import { describeForecast } from '../../src/logic/forecast-text';
import { fitRidge, predictRidge } from '../../src/logic/ridge';

/** A seeded generator (mulberry32) and standard normal draws, so every series is the same on every run. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
function normal(next: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
}

/** Mondays to Sundays: a steady weekly schedule of 36 h. */
const PATTERN = [8, 8, 6, 8, 5, 1, 0];

/** The weekly pattern, starting on a Monday, plus daily noise of σ = 1.2 h. */
function weeklyPattern(seed: number, weeks = 20): number[] {
  const next = random(seed);
  return Array.from({ length: weeks * 7 }, (_, t) => Math.max(0, PATTERN[t % 7]! + 1.2 * normal(next)));
}

/** Noise that drifts: each week's level is last week's plus a random step of σ = 2 h a day. */
function drifting(seed: number, weeks = 20): number[] {
  const next = random(seed);
  let level = 4;
  const days: number[] = [];
  for (let w = 0; w < weeks; w++) {
    level = Math.min(12, Math.max(0.5, level + 2 * normal(next)));
    for (let d = 0; d < 7; d++) days.push(Math.max(0, level + 0.3 * normal(next)));
  }
  return days;
}

function forecast(days: number[], firstWeekday = 1): WeekForecast {
  const result = forecastNextWeek(days, firstWeekday);
  if (result.status !== 'forecast') throw new Error(`expected a forecast, got ${JSON.stringify(result)}`);
  return result;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

describe('ridge regression', () => {
  it('matches hand-solved fits with and without the penalty', () => {
    // x = 1, 2, 3 and y = 2, 4, 6. Centred: x = −1, 0, 1 (Σx² = 2), y = −2, 0, 2 (Σxy = 4).
    const rows = [[1], [2], [3]];
    const exact = fitRidge(rows, [2, 4, 6], 0);
    expect(exact.weights[0]).toBeCloseTo(2, 10);
    expect(exact.intercept).toBeCloseTo(0, 10);
    // λ = 2: w = Σxy / (Σx² + λ) = 4 / 4 = 1, intercept = ȳ − w·x̄ = 4 − 2 = 2 (not penalised).
    const ridge = fitRidge(rows, [2, 4, 6], 2);
    expect(ridge.weights[0]).toBeCloseTo(1, 10);
    expect(ridge.intercept).toBeCloseTo(2, 10);
    expect(predictRidge(ridge, [5])).toBeCloseTo(7, 10);
  });

  it('solves collinear features (weekday indicators with an intercept) thanks to the penalty', () => {
    const rows = [
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ];
    // Both columns sum to 1 on every row; centred they are x and −x with x = ±0.5 (Σx² = 1 each).
    // (XᵀX + I) w = Xᵀy with XᵀX = [[1, −1], [−1, 1]] and Xᵀy = [2, −2]: w = [a, −a] with 3a = 2; intercept 5.
    const fit = fitRidge(rows, [6, 4, 6, 4], 1);
    expect(fit.weights[0]).toBeCloseTo(2 / 3, 10);
    expect(fit.weights[1]).toBeCloseTo(-2 / 3, 10);
    expect(fit.intercept).toBeCloseTo(5, 10);
  });
});

describe('a weekly pattern', () => {
  it('the model beats repeating last week, and forecasts the pattern', () => {
    const result = forecast(weeklyPattern(7));
    expect(result.method).toBe('model');
    expect(result.backtest.weeks).toBe(FORECAST_SETTINGS.maxBacktestWeeks);
    expect(result.backtest.modelMae).toBeLessThan(FORECAST_SETTINGS.beatShare * result.backtest.baselineMae);
    expect(result.days.map((d) => d.weekday)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    result.days.forEach((day, i) => expect(Math.abs(day.hours - PATTERN[i]!)).toBeLessThan(1.5));
    expect(Math.abs(result.hours - 36)).toBeLessThan(4);
    expect(result.hours).toBeCloseTo(sum(result.days.map((d) => d.hours)), 10);
    expect(result.low).toBeLessThan(result.hours);
    expect(result.high).toBeGreaterThan(result.hours);
    for (const day of result.days) expect(day.low <= day.hours && day.hours <= day.high).toBe(true);
    // The fitted weekday effects have the pattern's signs: busy Mondays, free Sundays.
    const effect = (weekday: number) => result.weekdayEffects.find((e) => e.weekday === weekday)!.hours;
    expect(effect(1)).toBeGreaterThan(0.5);
    expect(effect(7)).toBeLessThan(-0.5);
  });

  it('the model wins on most seeds (the backtest is noisy over 8 weeks)', () => {
    const wins = Array.from(
      { length: 20 },
      (_, seed) => forecast(weeklyPattern(seed + 100)).method === 'model',
    );
    expect(wins.filter(Boolean).length).toBeGreaterThanOrEqual(15);
  });
});

describe('drifting noise', () => {
  it('the model does not beat repeating last week, so last week is the forecast', () => {
    const days = drifting(3);
    const result = forecast(days);
    expect(result.method).toBe('baseline');
    expect(result.backtest.modelMae).toBeGreaterThanOrEqual(
      FORECAST_SETTINGS.beatShare * result.backtest.baselineMae,
    );
    expect(result.days.map((d) => d.hours)).toEqual(days.slice(-7));
    expect(result.hours).toBeCloseTo(sum(days.slice(-7)), 10);
    expect(describeForecast(result).join(' ')).toMatch(/did not beat repeating the previous week/);
  });

  it('the baseline wins on most seeds', () => {
    const baseline = Array.from(
      { length: 20 },
      (_, seed) => forecast(drifting(seed + 100)).method === 'baseline',
    );
    expect(baseline.filter(Boolean).length).toBeGreaterThanOrEqual(15);
  });
});

describe('hand-checked numbers', () => {
  it('backtests the baseline week by week: 9 flat weeks of 1, 2, 3, 4, 5, 3, 5, 2, 6 h a day', () => {
    const levels = [1, 2, 3, 4, 5, 3, 5, 2, 6];
    const result = forecast(levels.flatMap((level) => Array<number>(7).fill(level)));
    // 63 days: (63 − 28) / 7 = 5 origins, weeks 5 to 9. Repeating the week before misses by
    // 7 × |level − previous| = 7, 14, 14, 21, 28 h: mean 84 / 5 = 16.8 h.
    expect(result.backtest.weeks).toBe(5);
    expect(result.backtest.baselineMae).toBeCloseTo(16.8, 10);
    // The swings go back and forth, which the lagged weeks learn: the model wins here, with a flat week
    // (no weekday differs from another in this history).
    expect(result.method).toBe('model');
    expect(result.backtest.modelMae).toBeLessThan(0.95 * 16.8);
    for (const effect of result.weekdayEffects) expect(Math.abs(effect.hours)).toBeLessThan(1e-9);
    for (const day of result.days) expect(day.hours).toBeCloseTo(result.days[0]!.hours, 9);
  });

  it('the range of the baseline is ± 1.28 × the root mean square of its weekly misses', () => {
    const days = drifting(3);
    const result = forecast(days);
    expect(result.method).toBe('baseline');
    const weekly = (w: number) => sum(days.slice(days.length - 7 * w, days.length - 7 * (w - 1)));
    const misses = [1, 2, 3, 4, 5, 6, 7, 8].map((w) => weekly(w) - weekly(w + 1));
    const rms = Math.sqrt(sum(misses.map((m) => m * m)) / 8);
    expect(result.backtest.baselineMae).toBeCloseTo(sum(misses.map(Math.abs)) / 8, 10);
    expect(result.high - result.hours).toBeCloseTo(1.28 * rms, 10);
    expect(result.low).toBeCloseTo(Math.max(0, result.hours - 1.28 * rms), 10);
  });

  it('a week that repeats exactly: the baseline is perfect, so it is the forecast with no range', () => {
    const days = Array.from({ length: 10 }, () => PATTERN).flat();
    const result = forecast(days);
    expect(result.backtest.baselineMae).toBe(0);
    expect(result.method).toBe('baseline');
    expect(result.hours).toBe(36);
    expect([result.low, result.high]).toEqual([36, 36]);
    expect(result.days.map((d) => [d.hours, d.low, d.high])).toEqual(PATTERN.map((h) => [h, h, h]));
  });

  it('names the weekdays of the forecast from the weekday of the first day', () => {
    // 49 days from a Wednesday (3): day 49 is a Wednesday again.
    const days = Array.from({ length: 49 }, (_, t) => 1 + (t % 3));
    expect(forecast(days, 3).days.map((d) => d.weekday)).toEqual([3, 4, 5, 6, 7, 1, 2]);
    // Leading empty days are dropped without shifting the weekdays: 5 empty days from a Wednesday.
    const padded = forecast([0, 0, 0, 0, 0, ...days], 3);
    expect(padded.historyDays).toBe(49);
    expect(padded.days[0]!.weekday).toBe(1);
  });
});

describe('too little history', () => {
  it('says how much is needed and how much there is', () => {
    const needed = FORECAST_SETTINGS.minFitDays + 7 * FORECAST_SETTINGS.minBacktestWeeks;
    expect(needed).toBe(49);
    const result = forecastNextWeek(weeklyPattern(1).slice(0, 20), 1) as NoForecast;
    expect(result).toEqual({ status: 'insufficient-history', neededDays: 49, historyDays: 20 });
    expect(describeForecast(result)).toEqual([
      'No forecast yet: it needs 7 weeks of history, there are 2 weeks and 6 days.',
    ]);
    expect(forecastNextWeek(weeklyPattern(1).slice(0, 48), 1).status).toBe('insufficient-history');
    expect(forecastNextWeek(weeklyPattern(1).slice(0, 49), 1).status).toBe('forecast');
  });

  it('counts history from the first day with any hours', () => {
    const days = [...Array<number>(300).fill(0), ...weeklyPattern(1).slice(0, 30)];
    expect(forecastNextWeek(days, 1)).toMatchObject({ status: 'insufficient-history', historyDays: 30 });
    expect(forecastNextWeek([], 1)).toMatchObject({ status: 'insufficient-history', historyDays: 0 });
    expect(describeForecast(forecastNextWeek([0, 0], 1))[0]).toMatch(/there are 0 days\.$/);
  });
});

describe('bad input', () => {
  it.each([
    [[1, NaN], 1, 'dailyHours[1] must be 0 to 25 hours, got NaN'],
    [[-0.5], 1, 'dailyHours[0] must be 0 to 25 hours, got -0.5'],
    [[26], 1, 'dailyHours[0] must be 0 to 25 hours, got 26'],
    [[1], 0, 'firstWeekday must be 1 (Monday) to 7 (Sunday), got 0'],
    [[1], 8, 'firstWeekday must be 1 (Monday) to 7 (Sunday), got 8'],
    [[1], 1.5, 'firstWeekday must be 1 (Monday) to 7 (Sunday), got 1.5'],
  ])('%p from weekday %p is refused', (days, weekday, message) => {
    expect(() => forecastNextWeek(days, weekday)).toThrow(new RangeError(message));
  });
});

describe('in words', () => {
  it('shows the model with its error beside the baseline error, and the weekday effects', () => {
    const lines = describeForecast(forecast(weeklyPattern(7)));
    expect(lines[0]).toMatch(/^Next 7 days: about \d+\.\d h \(likely \d+\.\d h–\d+\.\d h\)\.$/);
    expect(lines[1]).toMatch(
      /^Over the last 8 weeks this forecast was off by \d+\.\d h a week on average; repeating the previous week was off by \d+\.\d h\.$/,
    );
    expect(lines[2]).toMatch(/^Against an average day: Mondays \+\d\.\d h.*Sundays −\d\.\d h\.$/);
  });
});
