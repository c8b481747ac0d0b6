/**
 * Error codes shared by every service and the gateway. A reply with `kind: 'error'` carries one of
 * these; the gateway turns it into an ephemeral message using `ERROR_MESSAGES` unless the service
 * sent a more specific message.
 */
export const ErrorCode = {
  /** The command (or component) is not one Timekeeper knows. */
  UNKNOWN_COMMAND: 'UNKNOWN_COMMAND',
  /** Used outside a server (in a DM). */
  NOT_IN_GUILD: 'NOT_IN_GUILD',
  /** The user lacks the permission or role the action needs. */
  FORBIDDEN: 'FORBIDDEN',
  /** An option or field failed validation. */
  INVALID_INPUT: 'INVALID_INPUT',
  /** The user, session, category or setting does not exist. */
  NOT_FOUND: 'NOT_FOUND',
  /** The action conflicts with the current state (already clocked in, name taken...). */
  CONFLICT: 'CONFLICT',
  /** Too many requests from this user or server. */
  RATE_LIMITED: 'RATE_LIMITED',
  /** A dependency (Redis, NATS, a service) is down or did not answer in time. */
  UNAVAILABLE: 'UNAVAILABLE',
  /** A bug: anything unexpected. */
  INTERNAL: 'INTERNAL',
  /** A button or menu whose `custom_id` is stale, tampered with or unreadable. */
  EXPIRED_COMPONENT: 'EXPIRED_COMPONENT',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const ERROR_CODES: readonly ErrorCode[] = Object.values(ErrorCode);

/** Default friendly text shown to a Discord user for each code (each fits in a message's content). */
export const ERROR_MESSAGES: Readonly<Record<ErrorCode, string>> = {
  UNKNOWN_COMMAND: "Timekeeper doesn't know that command. It may have been removed; try again in a minute.",
  NOT_IN_GUILD: 'Timekeeper commands only work inside a server.',
  FORBIDDEN: "You don't have permission to do that.",
  INVALID_INPUT: "Something in that request isn't valid. Check the options and try again.",
  NOT_FOUND: "That couldn't be found. It may have been removed.",
  CONFLICT: 'That conflicts with the current state. Refresh and try again.',
  RATE_LIMITED: "You're going a bit fast. Wait a moment and try again.",
  UNAVAILABLE: 'Timekeeper is temporarily unavailable. Your data is safe; please try again shortly.',
  INTERNAL: 'Something went wrong on our side. If it keeps happening, share the reference ID with an admin.',
  EXPIRED_COMPONENT: 'This button is no longer valid. Run the command again to get a fresh one.',
};

/** Codes after which the same request may succeed if simply tried again later. */
export const RETRYABLE_ERROR_CODES: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  ErrorCode.RATE_LIMITED,
  ErrorCode.UNAVAILABLE,
]);

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(ERROR_MESSAGES, value);
}

export function errorMessage(code: ErrorCode): string {
  return ERROR_MESSAGES[code];
}
