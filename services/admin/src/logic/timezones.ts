/** Time zone names: validation, canonical spelling and autocomplete choices. Pure (uses Intl only). */
import { TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { canonicalZone as storedZone } from '@timekeeper/storage';
import { suggest, type Choice } from './suggest';

/** Shown before anything is typed: one or two per region. */
export const COMMON_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Moscow',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
  'America/Sao_Paulo',
  'Asia/Kolkata',
  'Asia/Shanghai',
  'Asia/Tokyo',
  'Asia/Dubai',
  'Australia/Sydney',
  'Pacific/Auckland',
  'Africa/Johannesburg',
] as const;

/**
 * Abbreviations people type, read as the zone they mean, with its daylight saving. The IANA names
 * `EST`, `MST` and `HST` are fixed offsets (`EST` is America/Panama): nobody typing "EST" means that.
 * Ambiguous ones take the most common reading (CST: US Central, IST: India).
 */
export const ZONE_ABBREVIATIONS: Readonly<Record<string, string>> = {
  UTC: 'UTC',
  Z: 'UTC',
  GMT: 'UTC',
  ET: 'America/New_York',
  EST: 'America/New_York',
  EDT: 'America/New_York',
  CT: 'America/Chicago',
  CST: 'America/Chicago',
  CDT: 'America/Chicago',
  MT: 'America/Denver',
  MST: 'America/Denver',
  MDT: 'America/Denver',
  PT: 'America/Los_Angeles',
  PST: 'America/Los_Angeles',
  PDT: 'America/Los_Angeles',
  AKST: 'America/Anchorage',
  AKDT: 'America/Anchorage',
  HST: 'Pacific/Honolulu',
  BST: 'Europe/London',
  WET: 'Europe/Lisbon',
  WEST: 'Europe/Lisbon',
  CET: 'Europe/Berlin',
  CEST: 'Europe/Berlin',
  EET: 'Europe/Athens',
  EEST: 'Europe/Athens',
  MSK: 'Europe/Moscow',
  IST: 'Asia/Kolkata',
  SGT: 'Asia/Singapore',
  HKT: 'Asia/Hong_Kong',
  JST: 'Asia/Tokyo',
  KST: 'Asia/Seoul',
  AWST: 'Australia/Perth',
  ACST: 'Australia/Adelaide',
  ACDT: 'Australia/Adelaide',
  AEST: 'Australia/Sydney',
  AEDT: 'Australia/Sydney',
  NZST: 'Pacific/Auckland',
  NZDT: 'Pacific/Auckland',
};

let allZones: readonly string[] | undefined;

/** Every region zone the runtime knows, plus `UTC` (which `Intl.supportedValuesOf` leaves out). */
export function knownZones(): readonly string[] {
  allZones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone.includes('/'))];
  return allZones;
}

/**
 * The zone's canonical name (`europe/berlin` → `Europe/Berlin`, `EST` → `America/New_York`), or null if
 * it is not a zone storage accepts (offsets such as `+05:00` are not zones).
 */
export function canonicalZone(raw: string): string | null {
  const value = raw.trim();
  if (value === '' || value.length > TIMEKEEPER_LIMITS.timezoneName) return null;
  const meant = ZONE_ABBREVIATIONS[value.toUpperCase()];
  if (meant) return meant;
  const exact = knownZones().find((zone) => zone.toLowerCase() === value.toLowerCase());
  return storedZone(exact ?? value);
}

/** `UTC+01:00` for the zone at `at`. */
export function utcOffset(zone: string, at: number): string {
  try {
    const part = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' })
      .formatToParts(new Date(at))
      .find((p) => p.type === 'timeZoneName')?.value;
    if (!part || part === 'GMT') return 'UTC+00:00';
    return part.replace('GMT', 'UTC');
  } catch {
    return 'UTC';
  }
}

/** Autocomplete for `/config timezone`: common zones first, then whatever matches what was typed. */
export function zoneChoices(typed: string, at: number): Choice[] {
  const pool = typed.trim() === '' ? COMMON_ZONES : knownZones();
  return suggest(
    pool.map((zone) => ({ name: zone, value: zone })),
    typed,
  ).map((choice) => ({
    name: `${choice.name.replace(/_/g, ' ')} (${utcOffset(choice.value, at)})`,
    value: choice.value,
  }));
}
