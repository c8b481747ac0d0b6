/** Infrastructure failures. Business outcomes are never thrown: they come back as result unions. */

export class StorageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/**
 * A records call (dashboards, notices, preferences) was given input it cannot store: which field and why.
 * The writes and reads answer bad input with an `INVALID_INPUT` outcome instead.
 */
export class InvalidInputError extends StorageError {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

/** Redis is unreachable (and, for a write, the outage journal could not take it either). */
export class StorageUnavailableError extends StorageError {}

/** A write kept meeting concurrent changes to what it read and gave up; nothing was changed. */
export class WriteContentionError extends StorageError {
  constructor(
    readonly operation: string,
    readonly attempts: number,
  ) {
    super(`${operation}: data kept changing underneath after ${attempts} attempts`);
  }
}

/** The write batcher's queue is full and stayed full for the allowed wait. The write was not queued. */
export class BatchQueueFullError extends StorageError {
  constructor(readonly capacity: number) {
    super(`write batch queue is full (${capacity} writes)`);
  }
}

/** The write batcher was closed; nothing more is accepted. */
export class BatcherClosedError extends StorageError {
  constructor() {
    super('write batcher is closed');
  }
}

/** Shutdown could not flush every queued write in time; they are listed, not dropped silently. */
export class BatchFlushError extends StorageError {
  constructor(
    readonly unflushed: readonly unknown[],
    cause: unknown,
  ) {
    super(`${unflushed.length} queued writes could not be flushed`, { cause });
  }
}

/** The stored data did not have the shape this version writes. */
export class CorruptDataError extends StorageError {
  constructor(
    readonly key: string,
    cause?: unknown,
  ) {
    super(`unreadable value at ${key}`, { cause });
  }
}

/**
 * A journaled write that this version cannot apply: unreadable, or refused as invalid input (journaled
 * by an earlier version with other rules). It is held in the journal's held stream, not dropped.
 */
export class UnappliedJournalEntryError extends StorageError {
  constructor(
    readonly entryId: string,
    readonly reason: string,
  ) {
    super(`journaled write ${entryId} cannot be applied (${reason}); it is kept in the held journal`);
  }
}

const UNAVAILABLE_MESSAGES = [
  'Connection is closed',
  "Stream isn't writeable",
  'enableOfflineQueue',
  'Command timed out',
  'MaxRetriesPerRequest',
  'LOADING',
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'Breaker is open',
  'Timed out after',
];

/**
 * True when an error means "Redis could not be reached or did not answer", as opposed to Redis
 * answering with an error. Such a write may or may not have been applied; replaying it by its event
 * id is safe either way.
 */
export function isUnavailable(error: unknown): boolean {
  if (error instanceof StorageUnavailableError) return true;
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (code === 'EOPENBREAKER' || code === 'ETIMEDOUT' || code === 'ECONNREFUSED' || code === 'ECONNRESET') {
    return true;
  }
  if (error.name === 'MaxRetriesPerRequestError') return true;
  return UNAVAILABLE_MESSAGES.some((m) => error.message.includes(m));
}
