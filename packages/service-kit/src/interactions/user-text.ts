import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from './router';

/**
 * Free text a member typed (a session description, a reason, a note), checked at the command against
 * the limit in `TIMEKEEPER_LIMITS` — the same number the command definition, storage and the event
 * schema use — so an over-long text is refused with a clear message before anything is written.
 * Trimmed; empty becomes undefined. Discord enforces `max_length` too, but a service never relies on it.
 */
export function userText(value: string | undefined, max: number, what: string): string | undefined {
  const text = value?.trim() ?? '';
  if (text.length > max) {
    throw new InteractionError(
      ErrorCode.INVALID_INPUT,
      `${what} can be at most ${max} characters (this one has ${text.length}). Nothing was changed.`,
    );
  }
  return text === '' ? undefined : text;
}
