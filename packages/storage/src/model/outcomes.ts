import type { ActiveSession, Category, CompletedSession, DomainEvent, GuildSettings } from './types';

/** Bad input: which field and why. Returned, never thrown. */
export interface InvalidInput {
  readonly ok: false;
  readonly code: 'INVALID_INPUT';
  readonly field: string;
  readonly message: string;
}

/** The event id was first used for a different operation; nothing was changed. */
export interface EventIdConflict {
  readonly ok: false;
  readonly code: 'EVENT_ID_CONFLICT';
  readonly message: string;
}

export interface Rejected<C extends string> {
  readonly ok: false;
  readonly code: C;
  readonly message: string;
}

export type CategoryUnusable = Rejected<'CATEGORY_NOT_FOUND'> | Rejected<'CATEGORY_ARCHIVED'>;

export type ClockInOutcome =
  | {
      readonly ok: true;
      readonly event: DomainEvent;
      readonly session: ActiveSession;
      /**
       * Set when the clock-in was earlier than the member's last clock-out: the session starts at that
       * clock-out instead (time only moves forward for a member), and this is the time asked for.
       */
      readonly clippedFrom?: number;
    }
  | (Rejected<'ALREADY_CLOCKED_IN'> & { readonly session: ActiveSession })
  | CategoryUnusable
  | InvalidInput
  | EventIdConflict;

export type ClockOutOutcome =
  | {
      readonly ok: true;
      readonly event: DomainEvent;
      readonly session: CompletedSession;
      /** The session ran past the guild's maximum length and was cut to it. */
      readonly capped: boolean;
    }
  | Rejected<'NOT_CLOCKED_IN'>
  | Rejected<'CLOCK_BEFORE_START'>
  | InvalidInput
  | EventIdConflict;

export type SwitchOutcome =
  | {
      readonly ok: true;
      readonly event: DomainEvent;
      readonly closed: CompletedSession;
      readonly opened: ActiveSession;
      readonly capped: boolean;
    }
  | Rejected<'NOT_CLOCKED_IN'>
  | Rejected<'SAME_CATEGORY'>
  | Rejected<'CLOCK_BEFORE_START'>
  | CategoryUnusable
  | InvalidInput
  | EventIdConflict;

export type EditSessionOutcome =
  | {
      readonly ok: true;
      readonly event: DomainEvent;
      readonly before: CompletedSession;
      readonly after: CompletedSession;
    }
  | Rejected<'SESSION_NOT_FOUND'>
  | Rejected<'END_BEFORE_START'>
  | (Rejected<'SESSION_OVERLAP'> & {
      /** The member's session the edit would overlap (`end` null: the running one). */
      readonly conflict: { readonly id: string; readonly start: number; readonly end: number | null };
    })
  | CategoryUnusable
  | InvalidInput
  | EventIdConflict;

export type DeleteSessionOutcome =
  | { readonly ok: true; readonly event: DomainEvent; readonly deleted: CompletedSession }
  | Rejected<'SESSION_NOT_FOUND'>
  | InvalidInput
  | EventIdConflict;

export type CategoryOutcome =
  | { readonly ok: true; readonly event: DomainEvent; readonly category: Category }
  | Rejected<'CATEGORY_EXISTS'>
  | Rejected<'CATEGORY_LIMIT'>
  | Rejected<'CATEGORY_NOT_FOUND'>
  | Rejected<'CATEGORY_ARCHIVED'>
  | Rejected<'CATEGORY_NOT_ARCHIVED'>
  | InvalidInput
  | EventIdConflict;

export type EnsureDefaultsOutcome =
  | { readonly ok: true; readonly created: readonly string[]; readonly event: DomainEvent | null }
  | InvalidInput
  | EventIdConflict;

export type SettingsOutcome =
  | { readonly ok: true; readonly event: DomainEvent; readonly settings: GuildSettings }
  | InvalidInput
  | EventIdConflict;

/**
 * What happened to a write: `applied` (the outcome is final; `replayed` = the event id had been
 * processed before and nothing changed) or `journaled` (Redis was unreachable; the write is durable
 * in the outage journal and will be applied, in order and exactly once, when Redis returns).
 */
export type WriteResult<O> =
  | { readonly status: 'applied'; readonly outcome: O; readonly replayed: boolean }
  | { readonly status: 'journaled'; readonly eventId: string };

/** A read; `stale` = served from the in-process cache while Redis is unreachable. */
export type ReadResult<T> =
  | { readonly ok: true; readonly value: T; readonly stale: boolean }
  | { readonly ok: false; readonly code: 'UNAVAILABLE'; readonly message: string }
  | InvalidInput;

export function invalid(field: string, message: string): InvalidInput {
  return { ok: false, code: 'INVALID_INPUT', field, message };
}

export function rejected<C extends string>(code: C, message: string): Rejected<C> {
  return { ok: false, code, message };
}
