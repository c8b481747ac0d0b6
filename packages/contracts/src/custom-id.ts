/**
 * `custom_id` codec: `<service>:<action>[:<arg>…]:<tag>`.
 *
 * - `service` is an interaction service (it is also the routing prefix, see `routing.ts`);
 * - `action` matches `[a-z][a-z0-9-]*`;
 * - each arg is a short string (snowflake, number, key) that may not contain `:` or control
 *   characters. We reject rather than escape: every arg we carry is an id or a key, and an escape
 *   scheme would spend the 100-character budget and invite double-decoding bugs;
 * - `tag` is the first 8 base64url characters of HMAC-SHA256(secret, everything before `:<tag>`),
 *   so a client cannot forge or alter a button's arguments.
 *
 * The id carries all the state a button needs, so buttons keep working across restarts and replicas.
 */
import { createHmac, createSecretKey, timingSafeEqual, type KeyObject } from 'node:crypto';
import { DISCORD_LIMITS } from './limits';
import { ErrorCode } from './errors';
import { INTERACTION_SERVICES, isInteractionService, type InteractionService } from './services';

export const CUSTOM_ID_SEPARATOR = ':';
export const CUSTOM_ID_TAG_LENGTH = 8;
export const CUSTOM_ID_MAX_LENGTH = DISCORD_LIMITS.customId;
/** Shortest secret accepted by `createCustomIdCodec`, in bytes. */
export const CUSTOM_ID_MIN_SECRET_BYTES = 16;

export const CUSTOM_ID_ACTION_PATTERN = /^[a-z][a-z0-9-]*$/;
/** Any text without `:` and without control characters (may be empty). */
export const CUSTOM_ID_ARG_PATTERN = /^[^:\p{Cc}]*$/u;
const TAG_PATTERN = /^[A-Za-z0-9_-]{8}$/;

export interface CustomIdParts {
  service: InteractionService;
  action: string;
  args: readonly string[];
}

export type CustomIdDecodeErrorCode =
  'MALFORMED' | 'UNKNOWN_SERVICE' | 'TOO_LONG' | 'MISSING_TAG' | 'BAD_TAG';

export interface CustomIdDecodeError {
  code: CustomIdDecodeErrorCode;
  /** Safe to show to the user who clicked. */
  message: string;
  /** For logs: what exactly was wrong (never shown to users; may echo the id). */
  detail: string;
  /** The shared error code a service should reply with. */
  errorCode: ErrorCode;
}

export type CustomIdDecodeResult =
  { ok: true; value: CustomIdParts } | { ok: false; error: CustomIdDecodeError };

export type CustomIdEncodeErrorCode = 'UNKNOWN_SERVICE' | 'INVALID_ACTION' | 'INVALID_ARG' | 'TOO_LONG';

/** Thrown by `encode` for a programming error: a bad service/action/arg, or an id over 100 characters. */
export class CustomIdEncodeError extends Error {
  override readonly name = 'CustomIdEncodeError';
  constructor(
    readonly code: CustomIdEncodeErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface CustomIdCodecOptions {
  /** HMAC key, at least 16 bytes. Keep it stable: rotating it invalidates every posted button. */
  secret: string | Uint8Array;
  /** Old secrets still accepted by `decode` (never used to encode), for rotating without breaking buttons. */
  previousSecrets?: readonly (string | Uint8Array)[];
}

export interface CustomIdCodec {
  /** Builds a signed custom_id. Throws `CustomIdEncodeError` on invalid parts or when over 100 characters. */
  encode(parts: CustomIdParts): string;
  /** Parses and verifies a custom_id. Never throws. */
  decode(customId: string): CustomIdDecodeResult;
}

const USER_MESSAGE_UNREADABLE = "This button couldn't be read. Run the command again to get a fresh one.";
const USER_MESSAGE_INVALID = 'This button is no longer valid. Run the command again to get a fresh one.';

/** Length of the custom_id `encode` would produce (no secret needed), to check a budget before encoding. */
export function customIdLength(parts: Pick<CustomIdParts, 'service' | 'action' | 'args'>): number {
  let length = parts.service.length + 1 + parts.action.length;
  for (const arg of parts.args) length += 1 + arg.length;
  return length + 1 + CUSTOM_ID_TAG_LENGTH;
}

/** Reads the `<service>:` prefix for routing, without verifying the tag. `null` if there is no known prefix. */
export function peekService(customId: string): InteractionService | null {
  if (typeof customId !== 'string') return null;
  const end = customId.indexOf(CUSTOM_ID_SEPARATOR);
  if (end === -1) return null;
  const prefix = customId.slice(0, end);
  return isInteractionService(prefix) ? prefix : null;
}

export function createCustomIdCodec(options: CustomIdCodecOptions): CustomIdCodec {
  const current = toKey(options.secret, 'secret');
  const accepted = [
    current,
    ...(options.previousSecrets ?? []).map((s, i) => toKey(s, `previousSecrets[${i}]`)),
  ];

  function encode(parts: CustomIdParts): string {
    if (!isInteractionService(parts.service)) {
      throw new CustomIdEncodeError(
        'UNKNOWN_SERVICE',
        `custom_id service '${String(parts.service)}' is not an interaction service`,
      );
    }
    if (!CUSTOM_ID_ACTION_PATTERN.test(parts.action)) {
      throw new CustomIdEncodeError(
        'INVALID_ACTION',
        `custom_id action '${parts.action}' must match ${CUSTOM_ID_ACTION_PATTERN}`,
      );
    }
    parts.args.forEach((arg, i) => {
      if (typeof arg !== 'string' || !CUSTOM_ID_ARG_PATTERN.test(arg)) {
        throw new CustomIdEncodeError(
          'INVALID_ARG',
          `custom_id arg ${i} (${JSON.stringify(arg)}) must be a string without ':' or control characters`,
        );
      }
    });
    const length = customIdLength(parts);
    if (length > CUSTOM_ID_MAX_LENGTH) {
      throw new CustomIdEncodeError(
        'TOO_LONG',
        `custom_id for ${parts.service}:${parts.action} would be ${length} characters; the limit is ${CUSTOM_ID_MAX_LENGTH}`,
      );
    }
    const body = [parts.service, parts.action, ...parts.args].join(CUSTOM_ID_SEPARATOR);
    return `${body}${CUSTOM_ID_SEPARATOR}${tagOf(current, body)}`;
  }

  function decode(customId: string): CustomIdDecodeResult {
    if (typeof customId !== 'string' || customId.length === 0) {
      return fail('MALFORMED', USER_MESSAGE_UNREADABLE, 'custom_id is empty or not a string');
    }
    if (customId.length > CUSTOM_ID_MAX_LENGTH) {
      return fail(
        'TOO_LONG',
        USER_MESSAGE_UNREADABLE,
        `custom_id has ${customId.length} characters; the limit is ${CUSTOM_ID_MAX_LENGTH}`,
      );
    }
    const segments = customId.split(CUSTOM_ID_SEPARATOR);
    const [service, action] = segments;
    if (segments.length < 2 || service === undefined || action === undefined) {
      return fail(
        'MALFORMED',
        USER_MESSAGE_UNREADABLE,
        `custom_id ${JSON.stringify(customId)} has no <service>:<action>`,
      );
    }
    if (!isInteractionService(service)) {
      return fail(
        'UNKNOWN_SERVICE',
        'This button belongs to a feature Timekeeper no longer has. Run the command again.',
        `custom_id service '${service}' is not one of ${INTERACTION_SERVICES.join(', ')}`,
      );
    }
    if (!CUSTOM_ID_ACTION_PATTERN.test(action)) {
      return fail(
        'MALFORMED',
        USER_MESSAGE_UNREADABLE,
        `custom_id action '${action}' must match ${CUSTOM_ID_ACTION_PATTERN}`,
      );
    }
    const tag = segments.length > 2 ? segments[segments.length - 1] : undefined;
    if (tag === undefined || !TAG_PATTERN.test(tag)) {
      return fail(
        'MISSING_TAG',
        USER_MESSAGE_INVALID,
        `custom_id ${JSON.stringify(customId)} has no integrity tag`,
      );
    }
    const args = segments.slice(2, -1);
    const badArg = args.findIndex((arg) => !CUSTOM_ID_ARG_PATTERN.test(arg));
    if (badArg !== -1) {
      return fail(
        'MALFORMED',
        USER_MESSAGE_UNREADABLE,
        `custom_id arg ${badArg} contains control characters`,
      );
    }
    const body = customId.slice(0, customId.length - CUSTOM_ID_TAG_LENGTH - 1);
    const given = Buffer.from(tag, 'utf8');
    const valid = accepted.some((key) => timingSafeEqual(Buffer.from(tagOf(key, body), 'utf8'), given));
    if (!valid) {
      return fail(
        'BAD_TAG',
        USER_MESSAGE_INVALID,
        `custom_id tag does not match (tampered with, or signed with another secret)`,
      );
    }
    return { ok: true, value: { service, action, args } };
  }

  return { encode, decode };
}

function tagOf(key: KeyObject, body: string): string {
  return createHmac('sha256', key).update(body, 'utf8').digest('base64url').slice(0, CUSTOM_ID_TAG_LENGTH);
}

/** A key object, made once: an HMAC keyed with one costs a fifth of one keyed with the raw bytes. */
function toKey(secret: string | Uint8Array, name: string): KeyObject {
  const key = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : Buffer.from(secret);
  if (key.length < CUSTOM_ID_MIN_SECRET_BYTES) {
    throw new RangeError(`custom_id codec: ${name} must be at least ${CUSTOM_ID_MIN_SECRET_BYTES} bytes`);
  }
  return createSecretKey(key);
}

function fail(code: CustomIdDecodeErrorCode, message: string, detail: string): CustomIdDecodeResult {
  return { ok: false, error: { code, message, detail, errorCode: ErrorCode.EXPIRED_COMPONENT } };
}
