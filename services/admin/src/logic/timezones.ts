/** Time zone names: validation, canonical spelling and autocomplete choices. Pure (uses Intl only). */
import { TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
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

let allZones: readonly string[] | undefined;

/** Every zone the runtime knows, plus `UTC` (which `Intl.supportedValuesOf` leaves out). */
export function knownZones(): readonly string[] {
  allZones ??= ['UTC', ...Intl.supportedValuesOf('timeZone').filter((zone) => zone !== 'UTC')];
  return allZones;
}

/** The zone's canonical name (`europe/berlin` → `Europe/Berlin`), or null if it is not a zone. */
export function canonicalZone(raw: string): string | null {
  const value = raw.trim();
  if (value === '' || value.length > TIMEKEEPER_LIMITS.timezoneName) return null;
  const exact = knownZones().find((zone) => zone.toLowerCase() === value.toLowerCase());
  if (exact) return exact;
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
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
