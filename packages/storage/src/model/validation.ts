import { createHash } from 'node:crypto';
import { IANAZone } from 'luxon';
import { TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { isSnowflake, isToken } from './keys';
import { invalid, type InvalidInput } from './outcomes';
import {
  SESSION_SOURCES,
  WEEKDAYS,
  type CategoryInput,
  type CategoryPatch,
  type GuildSettings,
  type SettingsPatch,
  type WriteContext,
} from './types';

export const MAX_ACTIVE_CATEGORIES = 50;
export const MAX_CATEGORY_NAME = 50;
export const MAX_DESCRIPTION = 200;
/** The limit the command checks and the `clock.in` event carries: a longer one could never be published. */
export const MAX_SESSION_DESCRIPTION = TIMEKEEPER_LIMITS.sessionDescription;
export const MAX_WEIGHT = 5;
/** `total` would read as the totals row; the others would read as commands. Compared case-insensitively. */
export const RESERVED_CATEGORY_NAMES = ['all', 'total', 'admin', 'system', 'config', 'settings'] as const;
export const DEFAULT_CATEGORIES: readonly CategoryInput[] = [
  { name: 'Work', description: 'Focused work' },
  { name: 'Break', description: 'Time away', productivityWeight: 0 },
  { name: 'Meeting', description: 'Calls and meetings' },
];

const NAME_CHARS = /^[A-Za-z0-9_\s-]+$/;
const COLOR = /^#[0-9a-fA-F]{6}$/;

export type Checked<T> = { readonly ok: true; readonly value: T } | InvalidInput;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

/** The key a category name is stored and compared under: lower-case, trimmed, inner whitespace collapsed. */
export function normaliseCategory(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** The original's rules (§4.2), checked on the raw input, then normalised; case-insensitive everywhere. */
export function checkCategoryName(raw: unknown): Checked<{ key: string; displayName: string }> {
  if (typeof raw !== 'string' || raw.trim() === '') return invalid('name', 'a category needs a name');
  if (raw.length > MAX_CATEGORY_NAME) {
    return invalid('name', `a category name has at most ${MAX_CATEGORY_NAME} characters`);
  }
  if (!NAME_CHARS.test(raw)) {
    return invalid('name', 'use letters, digits, spaces, "-" and "_" only');
  }
  const key = normaliseCategory(raw);
  if ((RESERVED_CATEGORY_NAMES as readonly string[]).includes(key)) {
    return invalid('name', `"${key}" is a reserved name`);
  }
  return ok({ key, displayName: raw.trim().replace(/\s+/g, ' ') });
}

/** A deterministic colour from the name, lifted when it would be too dark to read. */
export function defaultColor(key: string): string {
  const digest = createHash('md5').update(key).digest();
  let rgb = [digest[0] ?? 0, digest[1] ?? 0, digest[2] ?? 0];
  if ((rgb[0]! + rgb[1]! + rgb[2]!) / 3 < 128) rgb = rgb.map((c) => Math.min(255, c + 64));
  return `#${rgb.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}

function checkOptionalFields(
  input: CategoryPatch | CategoryInput,
): Checked<{ description?: string; color?: string; productivityWeight?: number }> {
  const out: { description?: string; color?: string; productivityWeight?: number } = {};
  if (input.description !== undefined) {
    if (typeof input.description !== 'string' || input.description.length > MAX_DESCRIPTION) {
      return invalid('description', `a description has at most ${MAX_DESCRIPTION} characters`);
    }
    out.description = input.description.trim();
  }
  if (input.color !== undefined) {
    if (typeof input.color !== 'string' || !COLOR.test(input.color)) {
      return invalid('color', 'a colour is #RRGGBB');
    }
    out.color = input.color.toLowerCase();
  }
  if (input.productivityWeight !== undefined) {
    const w = input.productivityWeight;
    if (typeof w !== 'number' || !Number.isFinite(w) || w < 0 || w > MAX_WEIGHT) {
      return invalid('productivityWeight', `a productivity weight is between 0 and ${MAX_WEIGHT}`);
    }
    out.productivityWeight = w;
  }
  return ok(out);
}

export function checkCategoryInput(input: CategoryInput): Checked<{
  key: string;
  displayName: string;
  description: string;
  color: string;
  productivityWeight: number;
}> {
  const name = checkCategoryName(input.name);
  if (!name.ok) return name;
  const rest = checkOptionalFields(input);
  if (!rest.ok) return rest;
  return ok({
    key: name.value.key,
    displayName: name.value.displayName,
    description: rest.value.description ?? `Time tracking for ${name.value.displayName}`,
    color: rest.value.color ?? defaultColor(name.value.key),
    productivityWeight: rest.value.productivityWeight ?? 1,
  });
}

export function checkCategoryPatch(
  key: string,
  patch: CategoryPatch,
): Checked<{ displayName?: string; description?: string; color?: string; productivityWeight?: number }> {
  const rest = checkOptionalFields(patch);
  if (!rest.ok) return rest;
  if (patch.displayName === undefined) return rest;
  const name = checkCategoryName(patch.displayName);
  if (!name.ok) return name;
  if (name.value.key !== key) {
    return invalid('displayName', 'a new spelling must keep the same name; create a new category instead');
  }
  return ok({ ...rest.value, displayName: name.value.displayName });
}

export function checkIds(ids: Record<string, string>): InvalidInput | null {
  for (const [field, value] of Object.entries(ids)) {
    if (typeof value !== 'string' || !isSnowflake(value))
      return invalid(field, `${field} is not a Discord id`);
  }
  return null;
}

export function checkContext(ctx: WriteContext): InvalidInput | null {
  if (typeof ctx.eventId !== 'string' || !isToken(ctx.eventId)) {
    return invalid('eventId', 'an event id is 1–100 characters of A–Z, a–z, 0–9, ".", "_", "-"');
  }
  if (!Number.isSafeInteger(ctx.now) || ctx.now < 0) return invalid('now', 'now is epoch milliseconds');
  if (typeof ctx.actor !== 'string' || !isSnowflake(ctx.actor))
    return invalid('actor', 'actor is not a Discord id');
  if (ctx.reason !== undefined && (typeof ctx.reason !== 'string' || ctx.reason.length > MAX_DESCRIPTION)) {
    return invalid('reason', `a reason has at most ${MAX_DESCRIPTION} characters`);
  }
  return null;
}

export function checkInstant(field: string, value: unknown): InvalidInput | null {
  return Number.isSafeInteger(value) && (value as number) >= 0
    ? null
    : invalid(field, `${field} is epoch milliseconds`);
}

export function checkSource(value: unknown): InvalidInput | null {
  return (SESSION_SOURCES as readonly unknown[]).includes(value)
    ? null
    : invalid('source', `source is one of ${SESSION_SOURCES.join(', ')}`);
}

export function checkSessionDescription(value: unknown): InvalidInput | null {
  if (value === undefined) return null;
  return typeof value === 'string' && value.length <= MAX_SESSION_DESCRIPTION
    ? null
    : invalid('description', `a description has at most ${MAX_SESSION_DESCRIPTION} characters`);
}

/** Validates a settings patch and returns the merged settings. */
export function applySettingsPatch(current: GuildSettings, patch: SettingsPatch): Checked<GuildSettings> {
  const next = { ...current, ...patch };
  if (typeof next.timeZone !== 'string' || !IANAZone.isValidZone(next.timeZone)) {
    return invalid('timeZone', 'not an IANA time zone (e.g. Europe/Berlin)');
  }
  if (!(WEEKDAYS as readonly unknown[]).includes(next.weekStart)) {
    return invalid('weekStart', `week start is one of ${WEEKDAYS.join(', ')}`);
  }
  if (
    !Number.isSafeInteger(next.maxSessionMs) ||
    next.maxSessionMs < 60_000 ||
    next.maxSessionMs > 7 * 86_400_000
  ) {
    return invalid('maxSessionMs', 'maximum session length is between 1 minute and 7 days');
  }
  const reminder = next.reminderIntervalMs;
  if (reminder !== null && (!Number.isSafeInteger(reminder) || reminder < 60_000 || reminder > 86_400_000)) {
    return invalid('reminderIntervalMs', 'reminder interval is between 1 minute and 24 hours, or null');
  }
  if (next.activityLogChannelId !== null && !isSnowflake(String(next.activityLogChannelId))) {
    return invalid('activityLogChannelId', 'not a Discord channel id');
  }
  if (!Array.isArray(next.managerRoleIds) || !next.managerRoleIds.every((id) => isSnowflake(String(id)))) {
    return invalid('managerRoleIds', 'manager roles are Discord role ids');
  }
  const hours = next.workHours;
  if (
    typeof hours !== 'object' ||
    hours === null ||
    !Number.isInteger(hours.start) ||
    !Number.isInteger(hours.end) ||
    hours.start < 0 ||
    hours.end > 24 * 60 ||
    hours.start >= hours.end
  ) {
    return invalid('workHours', 'work hours are a start before an end, in minutes of the local day (0–1440)');
  }
  if (
    !Number.isSafeInteger(next.streakMinimumMs) ||
    next.streakMinimumMs < 60_000 ||
    next.streakMinimumMs > 86_400_000
  ) {
    return invalid('streakMinimumMs', 'the streak minimum is between 1 minute and 24 hours');
  }
  if (typeof next.publicLeaderboards !== 'boolean') {
    return invalid('publicLeaderboards', 'public leaderboards is true or false');
  }
  const roles = next.roles;
  if (
    typeof roles !== 'object' ||
    roles === null ||
    (roles.guildRoleId !== null && !isSnowflake(String(roles.guildRoleId))) ||
    typeof roles.categoryRoleIds !== 'object' ||
    roles.categoryRoleIds === null ||
    !Object.entries(roles.categoryRoleIds).every(
      ([key, id]) => normaliseCategory(key) === key && isSnowflake(String(id)),
    )
  ) {
    return invalid('roles', 'roles are a guild role id (or null) and normalised category → role id');
  }
  return ok({ ...next, managerRoleIds: [...new Set(next.managerRoleIds)] });
}
