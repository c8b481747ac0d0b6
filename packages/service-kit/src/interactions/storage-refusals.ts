/**
 * The one mapping from storage failures to what a member is told. Every service that reads or writes
 * through `@timekeeper/storage` turns its failures into refusals here, so "unavailable" is worded
 * once and a contention means the same thing everywhere. Storage's thrown errors are recognised by
 * their class name (storage sets `name` to it), so service-kit needs no storage dependency and
 * services without Redis stay without it.
 */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from './router';

/** Storage (Redis, or its outage journal) could not take or answer the request; nothing changed. */
export const STORAGE_UNAVAILABLE_MESSAGE =
  "Timekeeper can't reach its storage right now, so nothing was changed. Please try again in a minute.";

/** A write kept meeting concurrent changes to what it read and gave up; nothing changed. */
export const WRITE_CONTENTION_MESSAGE =
  'Someone else changed this at the same moment. Nothing was changed; please try again.';

/** The interaction id (the write's event id) was first used for a different write. */
export const EVENT_ID_CONFLICT_MESSAGE =
  'This request was already used for something else. Run the command again.';

interface Refusal {
  readonly code: ErrorCode;
  readonly message: string;
}

const UNAVAILABLE: Refusal = { code: ErrorCode.UNAVAILABLE, message: STORAGE_UNAVAILABLE_MESSAGE };

/**
 * Storage's thrown errors, by class name, and the refusal each becomes. An error not listed here
 * (e.g. `CorruptDataError`, a bug) is not a refusal: it is rethrown and the member gets the
 * reference id of the logged error.
 */
export const STORAGE_ERROR_REFUSALS: Readonly<Record<string, Refusal>> = {
  StorageUnavailableError: UNAVAILABLE,
  BatchQueueFullError: UNAVAILABLE,
  BatcherClosedError: UNAVAILABLE,
  BatchFlushError: UNAVAILABLE,
  WriteContentionError: { code: ErrorCode.CONFLICT, message: WRITE_CONTENTION_MESSAGE },
};

/** Error codes (Node's, or opossum's open circuit) that mean "Redis did not answer". */
const UNAVAILABLE_ERROR_CODES: ReadonlySet<string> = new Set([
  'EOPENBREAKER',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
]);

/** The refusal a thrown storage error becomes, or null when it is not one of storage's failures. */
export function storageErrorRefusal(error: unknown): InteractionError | null {
  if (!(error instanceof Error)) return null;
  const known = STORAGE_ERROR_REFUSALS[error.name];
  if (known && Object.hasOwn(STORAGE_ERROR_REFUSALS, error.name)) {
    return new InteractionError(known.code, known.message);
  }
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && UNAVAILABLE_ERROR_CODES.has(code)) {
    return new InteractionError(UNAVAILABLE.code, UNAVAILABLE.message);
  }
  return null;
}

/** Runs a storage call; its infrastructure failures become the refusal above (nothing was accepted). */
export async function withStorageRefusals<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw storageErrorRefusal(error) ?? error;
  }
}

/** A storage read as it comes back: the value, or why not. */
export type StorageRead<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** The value of a read, or the refusal: storage unreachable with nothing cached, or a rejected input. */
export function readValue<T>(result: StorageRead<T>): T {
  if (result.ok) return result.value;
  throw storageRejection(result);
}

/**
 * The refusal for the rejections every write (and read) shares: storage unreachable, invalid input
 * (storage's own check, normally caught by the command first) and a reused event id. A rejection
 * particular to one write (`ALREADY_CLOCKED_IN`, `CATEGORY_EXISTS`, …) is answered by its command;
 * one that reaches this is a bug (`INTERNAL`).
 */
export function storageRejection(rejection: {
  readonly code: string;
  readonly message: string;
}): InteractionError {
  switch (rejection.code) {
    case 'UNAVAILABLE':
      return new InteractionError(UNAVAILABLE.code, UNAVAILABLE.message);
    case 'INVALID_INPUT':
      return new InteractionError(ErrorCode.INVALID_INPUT, `That isn't valid: ${rejection.message}.`);
    case 'EVENT_ID_CONFLICT':
      return new InteractionError(ErrorCode.CONFLICT, EVENT_ID_CONFLICT_MESSAGE);
    default:
      return new InteractionError(ErrorCode.INTERNAL);
  }
}
