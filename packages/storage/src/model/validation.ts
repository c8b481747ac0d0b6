import { createHash } from 'node:crypto';
import { TIMEKEEPER_LIMITS } from '@timekeeper/contracts';
import { isSnowflake, isToken } from './keys';
import { invalid, type InvalidInput } from './outcomes';
import {
  SESSION_SOURCES,
  type CategoryInput,
  type CategoryPatch,
  type SessionSource,
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

const NAME_CHARS = /^[A-Za-z0-9_ -]+$/;
const CATEGORY_KEY = /^[a-z0-9_ -]{1,50}$/;
/** Control, format and line/paragraph separator characters: never part of a name. */
const CONTROL = /[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u;
/** Any run of spaces (a no-break space, a thin space… count as one). */
const SPACES = /\p{Zs}+/gu;
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** Discord's epoch (2015-01-01 UTC): nothing Timekeeper records is older. */
export const EARLIEST_INSTANT = Date.UTC(2015, 0, 1);
/** How far ahead of this server's clock an instant may be (clock skew between machines). */
export const MAX_FUTURE_MS = 86_400_000;
/** The largest instant a Date can hold; the upper bound of a read's range. */
export const MAX_DATE_MS = 8.64e15;

export type Checked<T> = { readonly ok: true; readonly value: T } | InvalidInput;

const ok = <T>(value: T): Checked<T> => ({ ok: true, value });

/** A name as shown: every kind of space becomes a plain one, trimmed, inner runs collapsed. */
const tidyName = (name: string): string => name.replace(SPACES, ' ').trim().replace(/ +/g, ' ');

/** The key a category name is stored and compared under: lower-case, trimmed, inner whitespace collapsed. */
export function normaliseCategory(name: string): string {
  return tidyName(name).toLowerCase();
}

/** The original's rules (§4.2), checked on the tidied input; case-insensitive everywhere. */
export function checkCategoryName(
  raw: unknown,
  field = 'name',
): Checked<{ key: string; displayName: string }> {
  if (typeof raw !== 'string' || raw.length > 4 * MAX_CATEGORY_NAME || CONTROL.test(raw)) {
    return invalid(field, 'a category name is one line of text');
  }
  const displayName = tidyName(raw);
  if (displayName === '') return invalid(field, 'a category needs a name');
  if (displayName.length > MAX_CATEGORY_NAME) {
    return invalid(field, `a category name has at most ${MAX_CATEGORY_NAME} characters`);
  }
  if (!NAME_CHARS.test(displayName)) {
    return invalid(field, 'use letters, digits, spaces, "-" and "_" only');
  }
  const key = displayName.toLowerCase();
  if ((RESERVED_CATEGORY_NAMES as readonly string[]).includes(key)) {
    return invalid(field, `"${key}" is a reserved name`);
  }
  return ok({ key, displayName });
}

/** The key of a category a write or read refers to, or a refusal when no category could have that name. */
export function checkCategoryRef(raw: unknown, field = 'category'): Checked<string> {
  if (typeof raw !== 'string' || raw.length > 4 * MAX_CATEGORY_NAME)
    return invalid(field, 'not a category name');
  const key = normaliseCategory(raw);
  return CATEGORY_KEY.test(key) ? ok(key) : invalid(field, 'not a category name');
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
  if (!isObject(input)) return invalid('category', 'a category is an object');
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
  const rest = checkOptionalFields(input);
  if (!rest.ok) return rest;
  const name = checkCategoryName(input.name);
  if (!name.ok) return name;
  return ok({
    key: name.value.key,
    displayName: name.value.displayName,
    description: rest.value.description ?? `Time tracking for ${name.value.displayName}`,
    color: rest.value.color ?? defaultColor(name.value.key),
    productivityWeight: rest.value.productivityWeight ?? 1,
  });
}

/** A category edit; a new display name may be any valid name (storage refuses another category's). */
export function checkCategoryPatch(
  patch: CategoryPatch,
): Checked<{ displayName?: string; description?: string; color?: string; productivityWeight?: number }> {
  const rest = checkOptionalFields(patch);
  if (!rest.ok) return rest;
  if (patch.displayName === undefined) return rest;
  const name = checkCategoryName(patch.displayName, 'displayName');
  if (!name.ok) return name;
  return ok({ ...rest.value, displayName: name.value.displayName });
}

export const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Discord ids in canonical form ("7", never "007"; at most 2^64 − 1). */
export function checkIds(ids: Record<string, unknown>): InvalidInput | null {
  for (const [field, value] of Object.entries(ids)) {
    if (!isSnowflake(value)) return invalid(field, `${field} is not a Discord id`);
  }
  return null;
}

/** `serverNow`: storage's clock (`StorageOptions.now`), which bounds `ctx.now` like any instant. */
export function checkContext(ctx: WriteContext, serverNow = Date.now()): InvalidInput | null {
  if (!isObject(ctx)) return invalid('ctx', 'a write needs its context (event id, now, actor)');
  if (!isToken(ctx.eventId)) {
    return invalid('eventId', 'an event id is 1–100 characters of A–Z, a–z, 0–9, ".", "_", "-"');
  }
  const now = checkInstant('now', ctx.now, serverNow);
  if (now) return now;
  if (!isSnowflake(ctx.actor)) return invalid('actor', 'actor is not a Discord id');
  if (ctx.reason !== undefined && (typeof ctx.reason !== 'string' || ctx.reason.length > MAX_DESCRIPTION)) {
    return invalid('reason', `a reason has at most ${MAX_DESCRIPTION} characters`);
  }
  return null;
}

/**
 * An instant Timekeeper may record: whole epoch milliseconds from 2015 (Discord's epoch) to a day past
 * this server's clock. Anything else (0, 9e15, the year 2100) could never be closed or read sensibly.
 * `serverNow` is that clock: storage passes its own (`StorageOptions.now`, the services' clock), so a
 * service whose clock was moved (tests, demos) is judged by the time it lives in.
 */
export function checkInstant(field: string, value: unknown, serverNow = Date.now()): InvalidInput | null {
  return Number.isSafeInteger(value) &&
    (value as number) >= EARLIEST_INSTANT &&
    (value as number) <= serverNow + MAX_FUTURE_MS
    ? null
    : invalid(field, `${field} is a time between 2015 and tomorrow, in epoch milliseconds`);
}

/** The refusal of a check, or null when it passed. */
export const refused = <T>(checked: Checked<T>): InvalidInput | null => (checked.ok ? null : checked);

/** A whole number in [min, max] (an optional one may be undefined). */
export function checkCount(
  field: string,
  value: unknown,
  min: number,
  max: number,
  optional = true,
): InvalidInput | null {
  if (value === undefined && optional) return null;
  return Number.isSafeInteger(value) && (value as number) >= min && (value as number) <= max
    ? null
    : invalid(field, `${field} is a whole number from ${min} to ${max}`);
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

export const isSessionSource = (value: unknown): value is SessionSource =>
  (SESSION_SOURCES as readonly unknown[]).includes(value);
