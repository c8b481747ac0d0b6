import type { DomainEvent } from '@timekeeper/contracts';
import { publishEvent, withStorageRefusals, type InteractionError } from '@timekeeper/service-kit';
import type { WriteResult } from '@timekeeper/storage';
import type { AdminDeps } from '../deps';

/** Shown when a write was accepted into the outage journal: durable, applied once storage is back. */
export const JOURNALED_NOTE =
  '⏳ Saved. Timekeeper’s storage is catching up, so the change will appear in a moment.';

export type Committed<S> =
  { readonly status: 'applied'; readonly outcome: S } | { readonly status: 'journaled' };

type Outcome = { readonly ok: boolean };

/**
 * Runs one storage write and finishes it the same way everywhere: a rejection becomes the friendly
 * refusal `refuse` builds (nothing changed; storage failures are refused by service-kit's one mapping), a committed change publishes its domain event, a journaled
 * write is reported as saved. A retried interaction (same event id) returns the first outcome.
 */
export async function commitWrite<O extends Outcome, S extends O & { readonly ok: true }>(
  deps: AdminDeps,
  write: () => Promise<WriteResult<O>>,
  refuse: (outcome: Exclude<O, { readonly ok: true }>) => InteractionError,
  toEvent: (outcome: S) => DomainEvent,
): Promise<Committed<S>> {
  const result: WriteResult<O> = await withStorageRefusals(write);
  if (result.status === 'journaled') return { status: 'journaled' };
  const outcome = result.outcome;
  if (!outcome.ok) throw refuse(outcome as Exclude<O, { readonly ok: true }>);
  // Also on a replay: if the first attempt died before publishing, this is the event's only chance.
  // Consumers de-duplicate by event id.
  publishEvent(deps, toEvent(outcome as unknown as S));
  return { status: 'applied', outcome: outcome as unknown as S };
}
