/**
 * Writes for sessions the member may have forgotten: closing one named session at a given instant (the
 * member's "I stopped at…", a "Clock out" button in a DM, or Timekeeper closing an unanswered session at
 * the member's last activity) and recording a "Still working" confirmation. Each is guarded on the
 * named session still being the member's active one, so a late answer never touches a newer session.
 */
import { isToken, keys } from '../model/keys';
import { invalid, rejected, type EventIdConflict, type InvalidInput, type Rejected } from '../model/outcomes';
import { TxPlan } from '../model/plan';
import { splitByLocalDay } from '../model/time';
import type { ActiveSession, CompletedSession, DomainEvent, WriteContext } from '../model/types';
import { checkContext, checkIds, checkInstant, isObject } from '../model/validation';
import { allowanceStart } from './allowance';
import { parseJson, runWrite, type Backend, type WriteDone } from './backend';
import { recordClosed, rememberClosed } from './sessions';

/** The actor recorded when Timekeeper itself closes a session (the contracts' events carry `null`). */
export const SYSTEM_ACTOR = 'timekeeper';

export interface CloseAtInput {
  readonly guildId: string;
  readonly userId: string;
  /** Only this session is closed; another (newer) active session is left alone. */
  readonly sessionId: string;
  /** The instant to close at: start ≤ end ≤ ctx.now. */
  readonly end: number;
  /**
   * `member`: the member said when they stopped; credited exactly, flagged for review only if it runs
   * past the allowance. `auto`: Timekeeper closes an unanswered session (actor `timekeeper`), flagged
   * auto-closed and needs-review.
   */
  readonly how: 'member' | 'auto';
}

export interface SessionRef {
  readonly guildId: string;
  readonly userId: string;
  readonly sessionId: string;
}

export type CloseAtOutcome =
  | {
      readonly ok: true;
      readonly event: DomainEvent;
      readonly session: CompletedSession;
      /** Always false: a named end is never cut (kept for the contracts' clock.out shape). */
      readonly capped: boolean;
    }
  | Rejected<'NOT_CLOCKED_IN'>
  | Rejected<'SESSION_NOT_ACTIVE'>
  | Rejected<'CLOCK_BEFORE_START'>
  | Rejected<'END_IN_FUTURE'>
  | InvalidInput
  | EventIdConflict;

export type ConfirmActivityOutcome =
  | { readonly ok: true; readonly session: ActiveSession }
  | Rejected<'NOT_CLOCKED_IN'>
  | Rejected<'SESSION_NOT_ACTIVE'>
  | InvalidInput
  | EventIdConflict;

function checkRef(
  ref: SessionRef,
  ctx: WriteContext,
  systemAllowed: boolean,
  serverNow: number,
): InvalidInput | null {
  if (!isObject(ctx)) return invalid('ctx', 'a write needs its context (event id, now, actor)');
  // Timekeeper's own actor is not a Discord id; everything else about the context is checked as usual.
  const actor = systemAllowed && ctx.actor === SYSTEM_ACTOR ? '0' : ctx.actor;
  return (
    checkIds({ guildId: ref.guildId, userId: ref.userId }) ??
    checkContext({ ...ctx, actor }, serverNow) ??
    (isToken(ref.sessionId) ? null : invalid('sessionId', 'a session id is a token'))
  );
}

/** Reads the active session and guards on it; a rejection when it is not the named one. */
async function guardedActive(
  backend: Backend,
  plan: TxPlan,
  ref: SessionRef,
): Promise<{ active: ActiveSession; raw: string } | Rejected<'NOT_CLOCKED_IN' | 'SESSION_NOT_ACTIVE'>> {
  const activeKey = keys.activeSessions(ref.guildId);
  const raw = await backend.call((r) => r.hget(activeKey, ref.userId));
  plan.guardHash(activeKey, ref.userId, raw);
  if (raw === null) return rejected('NOT_CLOCKED_IN', 'not clocked in');
  const active = parseJson<ActiveSession>(activeKey, raw);
  if (active.id !== ref.sessionId) {
    return rejected('SESSION_NOT_ACTIVE', 'that session has ended; another one is running');
  }
  return { active, raw };
}

export function closeSessionAt(
  backend: Backend,
  input: CloseAtInput,
  ctx: WriteContext,
): Promise<WriteDone<CloseAtOutcome>> {
  const bad =
    checkRef(input, ctx, input.how === 'auto', backend.now()) ??
    checkInstant('end', input.end, backend.now()) ??
    (input.how === 'member' || input.how === 'auto' ? null : invalid('how', 'how is member or auto'));
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId } = input;
  return runWrite<CloseAtOutcome>(backend, 'clock.out.at', guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const found = await guardedActive(backend, plan, input);
    if ('ok' in found) return { plan, outcome: found };
    const { active, raw } = found;
    if (input.end < active.start) {
      return { plan, outcome: rejected('CLOCK_BEFORE_START', 'that is before the session started') };
    }
    if (input.end > ctx.now) return { plan, outcome: rejected('END_IN_FUTURE', 'that is in the future') };
    const { settings, rev } = await backend.settings(guildId, fresh);
    plan.guardHash(keys.settings(guildId), 'rev', rev);
    const auto = input.how === 'auto';
    const pastAllowance = input.end - allowanceStart(active) > settings.maxSessionMs;
    const session: CompletedSession = {
      ...active,
      end: input.end,
      durationMs: input.end - active.start,
      flags: { forced: false, autoClosed: auto, edited: false, needsReview: auto || pastAllowance },
      ...(auto ? { closedBy: SYSTEM_ACTOR } : {}),
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
      pieces: splitByLocalDay(active.start, input.end, settings.timeZone, settings.weekStart),
      rev: 0,
      periodGeneration: settings.periodGeneration,
    };
    recordClosed(plan, session, ctx.now);
    const event: DomainEvent = {
      type: 'clock.out',
      eventId: ctx.eventId,
      guildId,
      at: ctx.now,
      actor: ctx.actor,
      userId,
      sessionId: session.id,
      category: session.category,
      start: session.start,
      end: session.end,
      durationMs: session.durationMs,
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
    };
    const { pieces: _pieces, ...after } = session;
    plan.audit(guildId, auto ? 'clock.auto-closed' : 'clock.out', ctx, {
      before: raw, // the stored JSON as it is (see clockOut)
      after,
    });
    return { plan, outcome: { ok: true, event, session, capped: false } };
  }).then((result) => {
    if (result.outcome.ok) rememberClosed(backend, result.outcome.session);
    return result;
  });
}

/** Records "Still working" at `ctx.now` on the named active session (never moving it backwards). */
export function confirmActivity(
  backend: Backend,
  ref: SessionRef,
  ctx: WriteContext,
): Promise<WriteDone<ConfirmActivityOutcome>> {
  const bad = checkRef(ref, ctx, false, backend.now());
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId } = ref;
  let written: string | undefined;
  return runWrite<ConfirmActivityOutcome>(backend, 'session.confirmed', guildId, ctx.eventId, async () => {
    written = undefined;
    const plan = new TxPlan();
    const found = await guardedActive(backend, plan, ref);
    if ('ok' in found) return { plan, outcome: found };
    const session: ActiveSession = {
      ...found.active,
      lastActiveAt: Math.max(ctx.now, allowanceStart(found.active)),
    };
    written = JSON.stringify(session);
    plan
      .op(['hset', keys.activeSessions(guildId), userId, written])
      .audit(guildId, 'session.confirmed', ctx, { before: found.active, after: session });
    return { plan, outcome: { ok: true, session } };
  }).then((result) => {
    if (!result.replayed && result.outcome.ok && written) backend.rememberActive(guildId, userId, written);
    return result;
  });
}

/** A member's active session, or null. */
export async function readActiveSession(
  backend: Backend,
  guildId: string,
  userId: string,
): Promise<ActiveSession | null> {
  const key = keys.activeSessions(guildId);
  const raw = await backend.call((r) => r.hget(key, userId));
  return raw === null ? null : parseJson<ActiveSession>(key, raw);
}
