// Next week's hours from a member's (or the server's) daily history: a ridge regression on weekday and
// lagged-week features, backtested with rolling weekly origins against the naive baseline "repeat last
// week". The baseline is the forecast whenever the model does not beat it. Method and thresholds:
// services/analytics/README.md, "Predictions".
import { fitRidge, predictRidge, type RidgeFit } from './ridge';

export const FORECAST_SETTINGS = {
  /** Ridge penalty λ on every weight (the intercept is not penalised). */
  lambda: 1,
  /** Days before a forecast origin that one fit may use: schedules change, older habits are dropped. */
  windowDays: 182,
  /** Days of history a fit needs: 14 for the lagged weeks, then at least 14 days to learn from. */
  minFitDays: 28,
  /** Weekly origins the backtest needs at least, and uses at most (the most recent ones). */
  minBacktestWeeks: 3,
  maxBacktestWeeks: 8,
  /** The model is shown only if its backtested error is below this share of the baseline's. */
  beatShare: 0.95,
  /** The range is the forecast ± z × the backtest's root mean square error (about 80 % for normal errors). */
  rangeZ: 1.28,
  /** Most hours a local day can hold (25 on the day a DST change repeats an hour). */
  maxDayHours: 25,
} as const;

/** A weekday as luxon numbers it: 1 = Monday … 7 = Sunday. */
export type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;

export interface ForecastDay {
  weekday: Weekday;
  hours: number;
  low: number;
  high: number;
}

export interface WeekForecast {
  status: 'forecast';
  /** 'model' when the regression beat the baseline in the backtest, else 'baseline' (repeat last week). */
  method: 'model' | 'baseline';
  /** Hours over the 7 days after the history, and the range around them. */
  hours: number;
  low: number;
  high: number;
  days: ForecastDay[];
  /** Mean absolute error in hours per week over `weeks` rolling origins, for both methods. */
  backtest: { weeks: number; modelMae: number; baselineMae: number };
  /** The fitted model, for explanations: hours above an average day, and the lag weights. */
  weekdayEffects: { weekday: Weekday; hours: number }[];
  lagWeights: { sameDayLastWeek: number; dailyMeanLastWeek: number; dailyMeanLastTwoWeeks: number };
  /** Days used, counted from the first day with any hours. */
  historyDays: number;
}

export interface NoForecast {
  status: 'insufficient-history';
  neededDays: number;
  historyDays: number;
}

/**
 * Forecasts the 7 days after `dailyHours`: complete local days, oldest first (end with yesterday, or with
 * the last day of a week to forecast the next calendar week). `firstWeekday` is the weekday of
 * `dailyHours[0]`. Days before the first day with any hours are ignored. Throws RangeError on bad input.
 */
export function forecastNextWeek(
  dailyHours: readonly number[],
  firstWeekday: number,
): WeekForecast | NoForecast {
  checkInput(dailyHours, firstWeekday);
  const start = dailyHours.findIndex((hours) => hours > 0);
  const history = start < 0 ? [] : dailyHours.slice(start);
  const weekdayAt = (t: number) => weekdayOf(firstWeekday, start + t);
  const { minFitDays, minBacktestWeeks, maxBacktestWeeks } = FORECAST_SETTINGS;
  const neededDays = minFitDays + 7 * minBacktestWeeks;
  if (history.length < neededDays)
    return { status: 'insufficient-history', neededDays, historyDays: history.length };

  const end = history.length;
  const weeks = Math.min(maxBacktestWeeks, Math.floor((end - minFitDays) / 7));
  const model: Outcome = { weekly: [], daily: [] };
  const baseline: Outcome = { weekly: [], daily: [] };
  for (let k = weeks; k >= 1; k--) {
    const origin = end - 7 * k;
    const actual = history.slice(origin, origin + 7);
    record(model, actual, predictWeek(history, weekdayAt, origin).days);
    record(baseline, actual, repeatLastWeek(history, origin));
  }
  const modelMae = meanAbsolute(model.weekly);
  const baselineMae = meanAbsolute(baseline.weekly);
  const method = modelMae < FORECAST_SETTINGS.beatShare * baselineMae ? 'model' : 'baseline';

  const final = predictWeek(history, weekdayAt, end);
  const chosen = method === 'model' ? model : baseline;
  const dayHours = method === 'model' ? final.days : repeatLastWeek(history, end);
  const dailySpread = FORECAST_SETTINGS.rangeZ * rootMeanSquare(chosen.daily);
  const weeklySpread = FORECAST_SETTINGS.rangeZ * rootMeanSquare(chosen.weekly);
  const hours = sum(dayHours);
  return {
    status: 'forecast',
    method,
    hours,
    low: Math.max(0, hours - weeklySpread),
    high: hours + weeklySpread,
    days: dayHours.map((value, i) => ({
      weekday: weekdayAt(end + i),
      hours: value,
      low: Math.max(0, value - dailySpread),
      high: Math.min(FORECAST_SETTINGS.maxDayHours, value + dailySpread),
    })),
    backtest: { weeks, modelMae, baselineMae },
    ...explain(final.fit),
    historyDays: end,
  };
}

interface Outcome {
  /** Signed errors (actual − forecast): hours per week, and hours per day. */
  weekly: number[];
  daily: number[];
}

function record(outcome: Outcome, actual: number[], forecast: number[]): void {
  outcome.weekly.push(sum(actual) - sum(forecast));
  actual.forEach((value, i) => outcome.daily.push(value - forecast[i]!));
}

/**
 * The features of day t. Days are grouped in weeks that end where the forecast origin is (`origin` mod 7),
 * and a day only reads weeks before its own, so the whole week after an origin is known at the origin.
 */
function features(history: readonly number[], weekdayAt: (t: number) => Weekday, t: number, origin: number) {
  const weekStart = t - ((((t - origin) % 7) + 7) % 7);
  const indicators = [1, 2, 3, 4, 5, 6, 7].map((day) => (weekdayAt(t) === day ? 1 : 0));
  const lastWeek = sum(history.slice(weekStart - 7, weekStart)) / 7;
  const twoWeeks = sum(history.slice(weekStart - 14, weekStart)) / 14;
  return [...indicators, history[t - 7]!, lastWeek, twoWeeks];
}

/** Fits on the window before `origin` and predicts the 7 days from `origin` on. */
function predictWeek(history: readonly number[], weekdayAt: (t: number) => Weekday, origin: number) {
  const firstWithLags = 14 + (origin % 7); // the first week whose two weeks before are in the history
  const first = Math.max(firstWithLags, origin - FORECAST_SETTINGS.windowDays);
  const rows: number[][] = [];
  const targets: number[] = [];
  for (let t = first; t < origin; t++) {
    rows.push(features(history, weekdayAt, t, origin));
    targets.push(history[t]!);
  }
  const fit = fitRidge(rows, targets, FORECAST_SETTINGS.lambda);
  const known = history.slice(0, origin); // the week ahead reads only its lags, all before the origin
  const days = Array.from({ length: 7 }, (_, i) =>
    clamp(predictRidge(fit, features(known, weekdayAt, origin + i, origin))),
  );
  return { fit, days };
}

/** The baseline: the 7 days before `origin`, repeated. */
function repeatLastWeek(history: readonly number[], origin: number): number[] {
  return history.slice(origin - 7, origin);
}

function explain(fit: RidgeFit): Pick<WeekForecast, 'weekdayEffects' | 'lagWeights'> {
  const dayWeights = fit.weights.slice(0, 7);
  const average = sum(dayWeights) / 7;
  return {
    weekdayEffects: dayWeights.map((weight, i) => ({ weekday: (i + 1) as Weekday, hours: weight - average })),
    lagWeights: {
      sameDayLastWeek: fit.weights[7]!,
      dailyMeanLastWeek: fit.weights[8]!,
      dailyMeanLastTwoWeeks: fit.weights[9]!,
    },
  };
}

function checkInput(dailyHours: readonly number[], firstWeekday: number): void {
  if (!Number.isInteger(firstWeekday) || firstWeekday < 1 || firstWeekday > 7) {
    throw new RangeError(`firstWeekday must be 1 (Monday) to 7 (Sunday), got ${firstWeekday}`);
  }
  dailyHours.forEach((hours, i) => {
    if (!Number.isFinite(hours) || hours < 0 || hours > FORECAST_SETTINGS.maxDayHours) {
      throw new RangeError(
        `dailyHours[${i}] must be 0 to ${FORECAST_SETTINGS.maxDayHours} hours, got ${hours}`,
      );
    }
  });
}

function weekdayOf(firstWeekday: number, dayIndex: number): Weekday {
  return (((firstWeekday - 1 + dayIndex) % 7) + 1) as Weekday;
}

function clamp(hours: number): number {
  return Math.min(FORECAST_SETTINGS.maxDayHours, Math.max(0, hours));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

function meanAbsolute(values: readonly number[]): number {
  return sum(values.map(Math.abs)) / values.length;
}

function rootMeanSquare(values: readonly number[]): number {
  return Math.sqrt(sum(values.map((value) => value * value)) / values.length);
}
