/**
 * The checks every timesheet correction makes inside its write, guarded so the script refuses the
 * write if what was read changed: no locked period touched, no overlap with the member's other
 * sessions.
 */
import { keys, TOTAL_FIELD } from '../../model/keys';
import { rejected, type Overlap, type PeriodLock, type PeriodLocked } from '../../model/outcomes';
import type { TxPlan } from '../../model/plan';
import type { ActiveSession, CompletedSession, StoredPiece } from '../../model/types';
import { parseJson, type Backend } from '../backend';
import { MAX_EDITED_SESSION_MS } from '../sessions';

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

/**
 * The member's session (completed, or the one running) that [start, end) would overlap, other than
 * `exceptId`. Guarded on the member's credited total and active session: any session added, ended or
 * moved meanwhile changes one of them, and the write is rebuilt.
 */
export async function checkNoOverlap(
  backend: Backend,
  plan: TxPlan,
  guildId: string,
  userId: string,
  start: number,
  end: number,
  exceptId: string | null,
): Promise<Overlap | null> {
  const totalsKey = keys.userTotals(guildId, userId);
  const activeKey = keys.activeSessions(guildId);
  const [total, activeRaw, ids] = await Promise.all([
    backend.call((r) => r.hget(totalsKey, TOTAL_FIELD)),
    backend.call((r) => r.hget(activeKey, userId)),
    backend.call((r) =>
      r.zrangebyscore(keys.userSessions(guildId, userId), start - MAX_EDITED_SESSION_MS, `(${end}`),
    ),
  ]);
  plan.guardHash(totalsKey, TOTAL_FIELD, total).guardHash(activeKey, userId, activeRaw);
  if (activeRaw !== null) {
    const active = parseJson<ActiveSession>(activeKey, activeRaw);
    if (active.id !== exceptId && active.start < end) return overlap(active.id, active.start, null);
  }
  const others = ids.filter((id) => id !== exceptId);
  if (others.length === 0) return null;
  const sessionKeys = others.map((id) => keys.session(guildId, id));
  const raws = await backend.call((r) => r.mget(...sessionKeys));
  for (let i = 0; i < raws.length; i++) {
    const raw = raws[i];
    if (raw === null || raw === undefined) continue;
    const s = parseJson<CompletedSession>(sessionKeys[i]!, raw);
    // Touching ends do not overlap; an empty session overlaps nothing.
    if (s.start < end && s.end > start && s.end > s.start && end > start)
      return overlap(s.id, s.start, s.end);
  }
  return null;
}

function overlap(id: string, start: number, end: number | null): Overlap {
  return {
    ...rejected('OVERLAP', `overlaps session ${id}`),
    conflict: { id, start, end },
  };
}
