/**
 * Approving a week or month locks it: corrections that touch it are refused (checks.ts) until a
 * manager unlocks it. Clock events still land. A lock covers one member or everyone (`*`).
 */
import { keys } from '../../model/keys';
import {
  invalid,
  rejected,
  type EventIdConflict,
  type InvalidInput,
  type PeriodLock,
  type Rejected,
} from '../../model/outcomes';
import { TxPlan } from '../../model/plan';
import { periodsAt } from '../../model/time';
import type { DomainEvent, WriteContext } from '../../model/types';
import { checkContext, checkIds, checkInstant } from '../../model/validation';
import { parseJson, runWrite, type Backend, type WriteDone } from '../backend';
import { lockField } from './checks';

export const EVERYONE = '*';

export interface LockInput {
  readonly guildId: string;
  /** A member's id, or `*` for everyone. */
  readonly scope: string;
  readonly period: 'week' | 'month';
  /** Any instant inside the week or month (in the guild's zone and week start). */
  readonly at: number;
}

export type LockOutcome =
  | { readonly ok: true; readonly event: DomainEvent; readonly lock: PeriodLock }
  | Rejected<'ALREADY_LOCKED'>
  | Rejected<'NOT_LOCKED'>
  | InvalidInput
  | EventIdConflict;

function checkLock(input: LockInput, ctx: WriteContext, serverNow: number): InvalidInput | null {
  return (
    checkIds(
      input.scope === EVERYONE ? { guildId: input.guildId } : { guildId: input.guildId, userId: input.scope },
    ) ??
    checkContext(ctx, serverNow) ??
    checkInstant('at', input.at, serverNow) ??
    (input.period === 'week' || input.period === 'month' ? null : invalid('period', 'week or month'))
  );
}

/** Locks (`lock = true`) or unlocks a period; audited with the actor and reason either way. */
export function setPeriodLock(
  backend: Backend,
  input: LockInput,
  lock: boolean,
  ctx: WriteContext,
): Promise<WriteDone<LockOutcome>> {
  const bad = checkLock(input, ctx, backend.now());
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId } = input;
  const type = lock ? 'period.locked' : 'period.unlocked';
  return runWrite<LockOutcome>(backend, type, guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const { settings, rev } = await backend.settings(guildId, fresh);
    plan.guardHash(keys.settings(guildId), 'rev', rev);
    const p = periodsAt(input.at, settings.timeZone, settings.weekStart);
    const periodId = input.period === 'week' ? p.week : p.month;
    const key = keys.periodLocks(guildId);
    const field = lockField(input.scope, periodId);
    const raw = await backend.call((r) => r.hget(key, field));
    plan.guardHash(key, field, raw);
    if (lock && raw !== null)
      return { plan, outcome: rejected('ALREADY_LOCKED', `${periodId} is already locked`) };
    if (!lock && raw === null) return { plan, outcome: rejected('NOT_LOCKED', `${periodId} is not locked`) };
    const record: PeriodLock = lock
      ? {
          scope: input.scope,
          periodId,
          by: ctx.actor,
          at: ctx.now,
          ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
        }
      : parseJson<PeriodLock>(key, raw!);
    plan.op(lock ? ['hset', key, field, JSON.stringify(record)] : ['hdel', key, field]);
    plan.audit(guildId, type, ctx, {
      ...(lock ? { after: record } : { before: record }),
      ...(input.scope === EVERYONE ? {} : { userId: input.scope }),
    });
    const event: DomainEvent = {
      type,
      eventId: ctx.eventId,
      guildId,
      at: ctx.now,
      actor: ctx.actor,
      ...(input.scope === EVERYONE ? {} : { userId: input.scope }),
      periodId,
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
    };
    return { plan, outcome: { ok: true, event, lock: record } };
  });
}

/** The locks of a guild (approved periods), newest period first. */
export async function listLocks(backend: Backend, guildId: string): Promise<PeriodLock[]> {
  const key = keys.periodLocks(guildId);
  const all = await backend.call((r) => r.hgetall(key));
  return Object.values(all)
    .map((raw) => parseJson<PeriodLock>(key, raw))
    .sort((a, b) => b.periodId.slice(1).localeCompare(a.periodId.slice(1)) || a.scope.localeCompare(b.scope));
}
