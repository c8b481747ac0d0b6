/**
 * Suspended members: a manager suspends a member (with a reason, optionally until an instant); the
 * member may not clock in until a manager lifts it or `until` passes. Both are audited and become the
 * `member.suspended` / `member.unsuspended` events.
 */
import { keys } from '../../model/keys';
import {
  invalid,
  rejected,
  type EventIdConflict,
  type InvalidInput,
  type Rejected,
} from '../../model/outcomes';
import { TxPlan } from '../../model/plan';
import type { DomainEvent, WriteContext } from '../../model/types';
import { checkContext, checkIds } from '../../model/validation';
import { parseJson, runWrite, type Backend, type WriteDone } from '../backend';

/** A suspension may last at most a year; longer ones are "until lifted" (`until` null). */
export const MAX_SUSPENSION_MS = 366 * 86_400_000;

export interface Suspension {
  readonly userId: string;
  readonly by: string;
  readonly at: number;
  readonly reason: string;
  /** When it ends by itself; null: until a manager lifts it. */
  readonly until: number | null;
}

export interface SuspendInput {
  readonly guildId: string;
  readonly userId: string;
  readonly until: number | null;
}

export type SuspensionOutcome =
  | { readonly ok: true; readonly event: DomainEvent; readonly suspension: Suspension }
  | Rejected<'NOT_SUSPENDED'>
  | InvalidInput
  | EventIdConflict;

function checkSuspend(input: SuspendInput, ctx: WriteContext, serverNow: number): InvalidInput | null {
  return (
    checkIds({ guildId: input.guildId, userId: input.userId }) ??
    checkContext(ctx, serverNow) ??
    (typeof ctx.reason === 'string' && ctx.reason.trim() !== ''
      ? null
      : invalid('reason', 'a suspension needs a reason')) ??
    (input.until === null ||
    (Number.isSafeInteger(input.until) && input.until > ctx.now && input.until <= ctx.now + MAX_SUSPENSION_MS)
      ? null
      : invalid('until', 'a suspension ends after now and within a year (or null: until lifted)'))
  );
}

/** Whether `s` still holds at `now`. */
export const suspendedAt = (s: Suspension | null, now: number): s is Suspension =>
  s !== null && (s.until === null || s.until > now);

/** Suspends (`suspend = true`, replacing any earlier suspension) or lifts a member's suspension. */
export function setSuspension(
  backend: Backend,
  input: SuspendInput,
  suspend: boolean,
  ctx: WriteContext,
): Promise<WriteDone<SuspensionOutcome>> {
  const bad = suspend
    ? checkSuspend(input, ctx, backend.now())
    : (checkIds({ guildId: input.guildId, userId: input.userId }) ?? checkContext(ctx, backend.now()));
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId } = input;
  const type = suspend ? 'member.suspended' : 'member.unsuspended';
  return runWrite<SuspensionOutcome>(backend, type, guildId, ctx.eventId, async () => {
    const plan = new TxPlan();
    const key = keys.suspensions(guildId);
    const raw = await backend.call((r) => r.hget(key, userId));
    plan.guardHash(key, userId, raw);
    const before = raw === null ? null : parseJson<Suspension>(key, raw);
    if (!suspend && !suspendedAt(before, ctx.now)) {
      return { plan, outcome: rejected('NOT_SUSPENDED', 'this member is not suspended') };
    }
    const record: Suspension = suspend
      ? { userId, by: ctx.actor, at: ctx.now, reason: ctx.reason!, until: input.until }
      : before!;
    plan.op(suspend ? ['hset', key, userId, JSON.stringify(record)] : ['hdel', key, userId]);
    plan.audit(guildId, type, ctx, { ...(before ? { before } : {}), ...(suspend ? { after: record } : {}) });
    const event: DomainEvent = {
      type,
      eventId: ctx.eventId,
      guildId,
      at: ctx.now,
      actor: ctx.actor,
      userId,
      until: record.until,
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
    };
    return { plan, outcome: { ok: true, event, suspension: record } };
  });
}

/** The member's suspension if it holds at `now`, else null. */
export async function readSuspension(
  backend: Backend,
  guildId: string,
  userId: string,
  now: number,
): Promise<Suspension | null> {
  const key = keys.suspensions(guildId);
  const raw = await backend.call((r) => r.hget(key, userId));
  const suspension = raw === null ? null : parseJson<Suspension>(key, raw);
  return suspendedAt(suspension, now) ? suspension : null;
}
