import { IANAZone } from 'luxon';
import {
  currencyDigits,
  MAX_HOURLY_RATE,
  MAX_TARGET_MINUTES,
  TARGET_PERIODS,
  type Target,
} from '@timekeeper/contracts';
import { isSnowflake } from './keys';
import { invalid, type InvalidInput } from './outcomes';
import { DEFAULT_SETTINGS, WEEKDAYS, type GuildSettings, type SettingsPatch } from './types';
import { checkCategoryRef, isObject, type Checked } from './validation';

/** Settings a patch may change: every field of `GuildSettings` except `schemaVersion`. */
const FIELDS = Object.keys(DEFAULT_SETTINGS).filter((field) => field !== 'schemaVersion');
const MAX_ROLE_IDS = 25;
const MAX_CATEGORY_ROLES = 50;
/** An IANA name: `Region/City` (any depth), or `UTC`. Abbreviations like `EST` and offsets are not. */
const ZONE_NAME = /^([A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)+|utc)$/i;

/**
 * The canonical IANA name of a time zone (`europe/berlin` → `Europe/Berlin`), or null. Only region
 * names and UTC: legacy abbreviations such as `EST` are links to a city without daylight saving
 * (America/Panama), never what a person typing them means, and offsets like `+05:00` are not zones.
 */
export function canonicalZone(value: unknown): string | null {
  if (typeof value !== 'string' || value.length > 64 || !ZONE_NAME.test(value)) return null;
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (!IANAZone.isValidZone(resolved)) return null;
  // The runtime spells the zone's own name canonically; a current name it knows under an older link
  // (Asia/Kolkata → Asia/Calcutta) is kept as typed when it is written in the usual case.
  if (resolved.toLowerCase() === value.toLowerCase()) return resolved;
  return value.split('/').every((part) => /^[A-Z]/.test(part)) ? value : resolved;
}

const roleId = (value: unknown): value is string | null => value === null || isSnowflake(value);

function checkRoles(value: unknown): Checked<GuildSettings['roles']> {
  const bad = invalid('roles', 'roles are a guild role id (or null) and category → role id');
  if (!isObject(value) || !roleId(value.guildRoleId) || !isObject(value.categoryRoleIds)) return bad;
  if (Object.keys(value).some((field) => field !== 'guildRoleId' && field !== 'categoryRoleIds')) return bad;
  const entries = Object.entries(value.categoryRoleIds);
  if (entries.length > MAX_CATEGORY_ROLES) return bad;
  const categoryRoleIds: Record<string, string> = {};
  for (const [name, id] of entries) {
    const key = checkCategoryRef(name, 'roles');
    if (!key.ok || key.value !== name || !isSnowflake(id)) return bad;
    categoryRoleIds[key.value] = id;
  }
  return { ok: true, value: { guildRoleId: value.guildRoleId, categoryRoleIds } };
}

const roleList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= MAX_ROLE_IDS && value.every((id) => isSnowflake(id));

function checkRequiredRoles(value: unknown): Checked<GuildSettings['requiredRoles']> {
  const bad = invalid(
    'requiredRoles',
    `required roles are at most ${MAX_ROLE_IDS} role ids for the server and per category`,
  );
  if (!isObject(value) || !roleList(value.guildRoleIds) || !isObject(value.categoryRoleIds)) return bad;
  if (Object.keys(value).some((field) => field !== 'guildRoleIds' && field !== 'categoryRoleIds')) return bad;
  const entries = Object.entries(value.categoryRoleIds);
  if (entries.length > MAX_CATEGORY_ROLES) return bad;
  const categoryRoleIds: Record<string, string[]> = {};
  for (const [name, ids] of entries) {
    const key = checkCategoryRef(name, 'requiredRoles');
    if (!key.ok || key.value !== name || !roleList(ids)) return bad;
    if (ids.length > 0) categoryRoleIds[key.value] = [...new Set(ids)];
  }
  return { ok: true, value: { guildRoleIds: [...new Set(value.guildRoleIds)], categoryRoleIds } };
}

const MAX_PAY_RATES = 200;
const MAX_TARGETS = 50;
const RATE_SCOPE = /^(member|role):(\d{17,20})$|^category:(.+)$/;

function checkRateScope(scope: string): boolean {
  const match = RATE_SCOPE.exec(scope);
  if (!match) return false;
  if (match[2] !== undefined) return isSnowflake(match[2]);
  const key = checkCategoryRef(match[3], 'payRates');
  return key.ok && key.value === match[3];
}

/** Merges `changes` (null removes an entry) into `current`, each entry checked, at most `max` entries. */
function mergeEntries<T>(
  field: string,
  current: Readonly<Record<string, T>>,
  changes: unknown,
  max: number,
  check: (key: string, value: unknown) => value is T,
  rule: string,
): Checked<Record<string, T>> {
  if (!isObject(changes)) return invalid(field, rule);
  const next: Record<string, T> = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) delete next[key];
    else if (check(key, value)) next[key] = value;
    else return invalid(field, rule);
  }
  return Object.keys(next).length > max
    ? invalid(field, `at most ${max} entries`)
    : { ok: true, value: next };
}

const isRate = (scope: string, rate: unknown): rate is number =>
  checkRateScope(scope) &&
  Number.isSafeInteger(rate) &&
  (rate as number) > 0 &&
  (rate as number) <= MAX_HOURLY_RATE * 1000;

const isTarget = (roleId: string, target: unknown): target is Target =>
  isSnowflake(roleId) &&
  isObject(target) &&
  Object.keys(target).length === 2 &&
  (TARGET_PERIODS as readonly unknown[]).includes(target.period) &&
  Number.isSafeInteger(target.minutes) &&
  (target.minutes as number) >= 1 &&
  (target.minutes as number) <= MAX_TARGET_MINUTES[target.period as Target['period']];

/** One field of a patch, checked and in its stored form (`current` for the fields a patch merges into). */
function checkField(field: string, value: unknown, current: GuildSettings): Checked<unknown> {
  const ok = (v: unknown): Checked<unknown> => ({ ok: true, value: v });
  switch (field) {
    case 'timeZone': {
      const zone = canonicalZone(value);
      return zone ? ok(zone) : invalid('timeZone', 'not an IANA time zone (e.g. Europe/Berlin)');
    }
    case 'weekStart':
      return (WEEKDAYS as readonly unknown[]).includes(value)
        ? ok(value)
        : invalid('weekStart', `week start is one of ${WEEKDAYS.join(', ')}`);
    case 'maxSessionMs':
      return Number.isSafeInteger(value) && (value as number) >= 60_000 && (value as number) <= 7 * 86_400_000
        ? ok(value)
        : invalid('maxSessionMs', 'maximum session length is between 1 minute and 7 days');
    case 'reminderIntervalMs':
      return value === null ||
        (Number.isSafeInteger(value) && (value as number) >= 60_000 && (value as number) <= 86_400_000)
        ? ok(value)
        : invalid('reminderIntervalMs', 'reminder interval is between 1 minute and 24 hours, or null');
    case 'activityLogChannelId':
      return roleId(value) ? ok(value) : invalid('activityLogChannelId', 'not a Discord channel id');
    case 'reviewChannelId':
      return roleId(value) ? ok(value) : invalid('reviewChannelId', 'not a Discord channel id');
    case 'managerRoleIds':
      return Array.isArray(value) && value.length <= MAX_ROLE_IDS && value.every((id) => isSnowflake(id))
        ? ok([...new Set(value)])
        : invalid('managerRoleIds', `manager roles are at most ${MAX_ROLE_IDS} Discord role ids`);
    case 'roles':
      return checkRoles(value);
    case 'requiredRoles':
      return checkRequiredRoles(value);
    case 'workHours':
      return isObject(value) &&
        Object.keys(value).length === 2 &&
        Number.isInteger(value.start) &&
        Number.isInteger(value.end) &&
        (value.start as number) >= 0 &&
        (value.end as number) <= 24 * 60 &&
        (value.start as number) < (value.end as number)
        ? ok({ start: value.start, end: value.end })
        : invalid('workHours', 'work hours are a start before an end, in minutes of the local day (0–1440)');
    case 'streakMinimumMs':
      return Number.isSafeInteger(value) && (value as number) >= 60_000 && (value as number) <= 86_400_000
        ? ok(value)
        : invalid('streakMinimumMs', 'the streak minimum is between 1 minute and 24 hours');
    case 'publicLeaderboards':
      return typeof value === 'boolean'
        ? ok(value)
        : invalid('publicLeaderboards', 'public leaderboards is true or false');
    case 'leaderboardOptOut':
      return typeof value === 'boolean'
        ? ok(value)
        : invalid('leaderboardOptOut', 'letting members opt out of boards is true or false');
    case 'payCurrency':
      return value === null || (typeof value === 'string' && currencyDigits(value) !== null)
        ? ok(value)
        : invalid('payCurrency', 'not an ISO 4217 currency code (e.g. EUR, USD, JPY)');
    case 'payRates':
      return mergeEntries(
        'payRates',
        current.payRates,
        value,
        MAX_PAY_RATES,
        isRate,
        'rates are member:<id>, role:<id> or category:<key> → a positive whole number of minor units an hour',
      );
    case 'targets':
      return mergeEntries(
        'targets',
        current.targets,
        value,
        MAX_TARGETS,
        isTarget,
        'targets are role id → { period: week or month, minutes: 1 up to the whole period }',
      );
    case 'targetReminderHours':
      return value === null ||
        (Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= 168)
        ? ok(value)
        : invalid(
            'targetReminderHours',
            'the target reminder is 1 to 168 hours before the period ends, or null',
          );
    default:
      return invalid(field.slice(0, 50), 'not a setting');
  }
}

/**
 * Checks a settings patch field by field and returns the merged settings: only known fields, each in
 * its canonical stored form (ids as canonical strings, de-duplicated; the zone's canonical name).
 */
export function applySettingsPatch(current: GuildSettings, patch: SettingsPatch): Checked<GuildSettings> {
  if (!isObject(patch)) return invalid('patch', 'a settings patch is an object');
  const next: Record<string, unknown> = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    const checked: Checked<unknown> | InvalidInput = FIELDS.includes(field)
      ? checkField(field, value, current)
      : invalid(field.slice(0, 50), 'not a setting');
    if (!checked.ok) return checked;
    next[field] = checked.value;
  }
  return { ok: true, value: next as unknown as GuildSettings };
}
