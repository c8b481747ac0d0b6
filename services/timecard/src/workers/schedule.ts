/**
 * When reminders and "still working?" checks run, and what an unanswered session is credited. Pure:
 * instants in, decisions out.
 */
import { allowanceStart, type ActiveSession } from '@timekeeper/storage';

/** How long a member has to answer "Still working?" before the session is closed at their last activity. */
export const DEFAULT_GRACE_MS = 60 * 60_000;

/** Deterministic job ids: a re-published job is de-duplicated by JetStream. */
export const jobIds = {
  reminder: (sessionId: string, sequence: number): string => `reminder:${sessionId}:${sequence}`,
  prompt: (sessionId: string, allowanceFrom: number): string =>
    `session-check:${sessionId}:prompt:${allowanceFrom}`,
  close: (sessionId: string, allowanceFrom: number): string =>
    `session-check:${sessionId}:close:${allowanceFrom}`,
  role: (sessionId: string, action: 'add' | 'remove', roleId: string): string =>
    `role:${sessionId}:${action}:${roleId}`,
};

/** Wait before looking at a job again: until it is due, but never longer than `maxWaitMs` at a time. */
export function waitMs(dueAt: number, now: number, maxWaitMs: number): number | null {
  return now >= dueAt ? null : Math.min(dueAt - now, maxWaitMs);
}

/**
 * The reminder after one due at `fireAt`: one interval later, skipping the ones already in the past
 * (after an outage the member gets one reminder, not a burst).
 */
export function nextReminder(
  fireAt: number,
  sequence: number,
  intervalMs: number,
  now: number,
): { fireAt: number; sequence: number } {
  const steps = Math.max(1, Math.floor((now - fireAt) / intervalMs) + 1);
  return { fireAt: fireAt + steps * intervalMs, sequence: sequence + steps };
}

/** When the member should next be asked "Still working?": the maximum length after their allowance start. */
export function promptDueAt(
  active: Pick<ActiveSession, 'start' | 'lastActiveAt'>,
  maxSessionMs: number,
): number {
  return allowanceStart(active) + maxSessionMs;
}

export type CloseDecision =
  /** The member confirmed since the prompt (or the maximum grew): ask again at `promptAt`. */
  | { readonly kind: 'reprompt'; readonly promptAt: number; readonly allowanceFrom: number }
  /** No answer: close at the last activity — the start or the last "Still working", never later. */
  | { readonly kind: 'close'; readonly end: number };

/**
 * At the end of the grace period: was the prompt sent at `promptedAt` answered with "Still working"?
 * Time after the last confirmed activity is never credited without the member's word.
 */
export function decideClose(
  active: Pick<ActiveSession, 'start' | 'lastActiveAt'>,
  maxSessionMs: number,
  promptedAt: number,
  now: number,
): CloseDecision {
  const from = allowanceStart(active);
  const confirmedSincePrompt = active.lastActiveAt !== undefined && active.lastActiveAt >= promptedAt;
  if (confirmedSincePrompt || from + maxSessionMs > now) {
    return { kind: 'reprompt', promptAt: from + maxSessionMs, allowanceFrom: from };
  }
  return { kind: 'close', end: from };
}
