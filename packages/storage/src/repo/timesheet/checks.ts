/**
 * The lock check every timesheet correction makes inside its write, guarded so the script refuses the
 * write if a lock lands meanwhile. (Overlaps are checked by `checkApart` in corrections.ts.)
 */
import { keys } from '../../model/keys';
import { rejected, type PeriodLock, type PeriodLocked } from '../../model/outcomes';
import type { TxPlan } from '../../model/plan';
import type { StoredPiece } from '../../model/types';
import { parseJson, type Backend } from '../backend';

/** A lock's hash field: who it covers (a member, or `*` for everyone) and which week or month. */
export function lockField(scope: string, periodId: string): string {
  return `${scope}|${periodId}`;
}

/**
 * Refuses a change to a member's time in an approved (locked) week or month — the member's own lock
 * or everyone's. Guards that each lock checked is still missing, so a lock that lands between this
 * read and the write makes the write retry and be refused.
 */
export async function checkUnlocked(
  backend: Backend,
  plan: TxPlan,
  guildId: string,
  userId: string,
  pieces: readonly StoredPiece[],
): Promise<PeriodLocked | null> {
  const periods = new Set<string>();
  for (const [, week, month] of pieces) periods.add(week).add(month);
  const fields = [...periods].flatMap((p) => [lockField(userId, p), lockField('*', p)]);
  if (fields.length === 0) return null;
  const key = keys.periodLocks(guildId);
  const found = await backend.call((r) => r.hmget(key, ...fields));
  for (let i = 0; i < fields.length; i++) {
    const raw = found[i] ?? null;
    plan.guardHash(key, fields[i]!, raw);
    if (raw !== null) {
      const lock = parseJson<PeriodLock>(key, raw);
      return { ...rejected('PERIOD_LOCKED', `${lock.periodId} is approved and locked`), lock };
    }
  }
  return null;
}
