/**
 * Decimal hours, pay rates and money: the arithmetic `/status`, the audit trail and exports share.
 * Money is always an integer count of the currency's minor units (cents, yen, fils); rates are minor
 * units per hour. The rules (also in the README):
 *
 * - a session's pay = its exact duration × its rate, rounded half up to one minor unit;
 * - a total's pay = the sum of its sessions' rounded pay (so every file adds up row by row);
 * - the rate of a session: the member's own rate, else its category's rate, else the highest rate
 *   among the member's roles; none of those → no pay for that session.
 */

export const MS_PER_HOUR = 3_600_000;

/** Hours to two places, half up on the second place (7.745 h → 7.75). Integer maths, so it is exact. */
export function decimalHours(ms: number): number {
  return Math.floor((Math.max(0, ms) + 18_000) / 36_000) / 100;
}

/** Decimal hours as people read them: always two places, e.g. `7.50`. */
export function formatDecimalHours(ms: number): string {
  return decimalHours(ms).toFixed(2);
}

const CURRENCY_CODE = /^[A-Z]{3}$/;
let knownCurrencies: ReadonlySet<string> | undefined;

/**
 * The number of minor-unit digits of an ISO 4217 currency (`EUR` → 2, `JPY` → 0, `KWD` → 3), from
 * the runtime's Intl data; null when the code is not a currency the runtime knows.
 */
export function currencyDigits(code: string): number | null {
  if (typeof code !== 'string' || !CURRENCY_CODE.test(code)) return null;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  if (!knownCurrencies.has(code)) return null;
  return new Intl.NumberFormat('en', { style: 'currency', currency: code }).resolvedOptions()
    .maximumFractionDigits as number;
}

/** The highest hourly rate accepted, in major units (100,000 an hour, whatever the currency). */
export const MAX_HOURLY_RATE = 100_000;

export type MoneyParse = { ok: true; minor: number } | { ok: false; message: string };

/**
 * An hourly rate typed by a manager (`15`, `15.5`, `15.50`) in minor units of a currency with `digits`
 * minor digits. Zero, negative numbers, more decimals than the currency has and rates above
 * `MAX_HOURLY_RATE` are refused with a sentence that says what to type.
 */
export function parseRate(text: string, digits: number): MoneyParse {
  const trimmed = text.trim();
  const match = /^(\d{1,6})(?:[.,](\d+))?$/.exec(trimmed);
  if (!match) {
    return {
      ok: false,
      message: `"${trimmed.slice(0, 20)}" isn't an hourly rate. Type a positive amount such as 15 or 15.50.`,
    };
  }
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return {
      ok: false,
      message:
        digits === 0
          ? 'This currency has no minor unit: type a whole amount, e.g. 1500.'
          : `This currency has ${digits} decimal place${digits === 1 ? '' : 's'}: type at most ${digits} after the point.`,
    };
  }
  const minor = Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
  if (minor <= 0) return { ok: false, message: 'A rate is more than zero. To remove a rate, type `none`.' };
  if (minor > MAX_HOURLY_RATE * 10 ** digits) {
    return { ok: false, message: `A rate is at most ${MAX_HOURLY_RATE.toLocaleString('en')} an hour.` };
  }
  return { ok: true, minor };
}

/** Minor units as a plain decimal amount with exactly `digits` places (`9300`, 2 → `93.00`): for files. */
export function moneyAmount(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** Minor units for people, with the currency: `EUR 93.00`, `JPY 1,500`. */
export function formatMoney(minor: number, currency: string): string {
  const digits = currencyDigits(currency) ?? 2;
  const [whole, fraction] = moneyAmount(minor, digits).split('.');
  const grouped = Number(whole).toLocaleString('en');
  return `${currency} ${fraction === undefined ? grouped : `${grouped}.${fraction}`}`;
}

/** The pay of one session: exact duration × hourly rate, half up to one minor unit. */
export function sessionPay(ms: number, minorPerHour: number): number {
  if (ms <= 0 || minorPerHour <= 0) return 0;
  const hour = BigInt(MS_PER_HOUR);
  return Number((BigInt(Math.round(ms)) * BigInt(minorPerHour) * 2n + hour) / (2n * hour));
}

/** Where a rate is set: `member:<user id>`, `category:<category key>` or `role:<role id>`. */
export type RateScope = `member:${string}` | `category:${string}` | `role:${string}`;
export type PayRates = Readonly<Record<string, number>>;

export interface ResolvedRate {
  readonly minorPerHour: number;
  /** Which setting it came from, e.g. `category:support`. */
  readonly scope: RateScope;
}

/**
 * The hourly rate of a member's session in `category`: member > category > role (the highest of the
 * member's roles with a rate); null when none applies.
 */
export function resolveRate(
  rates: PayRates,
  member: { readonly userId: string; readonly roleIds: readonly string[] },
  category: string,
): ResolvedRate | null {
  const direct: RateScope[] = [`member:${member.userId}`, `category:${category}`];
  for (const scope of direct) {
    const rate = rates[scope];
    if (rate !== undefined) return { minorPerHour: rate, scope };
  }
  let best: ResolvedRate | null = null;
  for (const roleId of member.roleIds) {
    const scope: RateScope = `role:${roleId}`;
    const rate = rates[scope];
    if (rate !== undefined && (best === null || rate > best.minorPerHour))
      best = { minorPerHour: rate, scope };
  }
  return best;
}

/** Sessions' hours and pay: pay is the sum of each session's rounded pay. */
export interface PayTotal {
  readonly ms: number;
  /** Minor units. */
  readonly pay: number;
  /** Sessions (or time) that no rate covers. */
  readonly unpaidMs: number;
}

export function payTotal(
  rates: PayRates,
  member: { readonly userId: string; readonly roleIds: readonly string[] },
  sessions: readonly { readonly category: string; readonly ms: number }[],
): PayTotal {
  let ms = 0;
  let pay = 0;
  let unpaidMs = 0;
  for (const s of sessions) {
    ms += s.ms;
    const rate = resolveRate(rates, member, s.category);
    if (rate) pay += sessionPay(s.ms, rate.minorPerHour);
    else unpaidMs += s.ms;
  }
  return { ms, pay, unpaidMs };
}

/** The periods a target can cover. */
export const TARGET_PERIODS = ['week', 'month'] as const;
export type TargetPeriod = (typeof TARGET_PERIODS)[number];

/** A role's target: at least `minutes` of tracked time per week or month. */
export interface Target {
  readonly period: TargetPeriod;
  readonly minutes: number;
}

/** The most a target may ask for: a whole week or a 31-day month. */
export const MAX_TARGET_MINUTES: Readonly<Record<TargetPeriod, number>> = {
  week: 7 * 24 * 60,
  month: 31 * 24 * 60,
};

/**
 * A member's targets (role id → target) by period: the highest among their roles for each period;
 * a period none of their roles has a target for is absent.
 */
export function memberTargets(
  targets: Readonly<Record<string, Target>>,
  roleIds: readonly string[],
): Partial<Record<TargetPeriod, Target & { readonly roleId: string }>> {
  const found: Partial<Record<TargetPeriod, Target & { readonly roleId: string }>> = {};
  for (const roleId of roleIds) {
    const target = targets[roleId];
    if (!target) continue;
    const best = found[target.period];
    if (!best || target.minutes > best.minutes) found[target.period] = { ...target, roleId };
  }
  return found;
}
