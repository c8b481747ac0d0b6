import { keys } from '../model/keys';
import {
  invalid,
  rejected,
  type ClockInOutcome,
  type ClockOutOutcome,
  type InvalidInput,
  type SwitchOutcome,
} from '../model/outcomes';
import { AggregateDelta, TxPlan } from '../model/plan';
import { PERIOD_LOOKBACK_MS, splitByLocalDay } from '../model/time';
import type {
  ActiveSession,
  CompletedSession,
  DomainEvent,
  SessionSource,
  WriteContext,
} from '../model/types';
import {
  checkContext,
  checkIds,
  checkCategoryRef,
  checkSessionDescription,
  checkSource,
  normaliseCategory,
  refused,
} from '../model/validation';
import { isToken } from '../model/keys';
import { allowanceStart } from './allowance';
import { indexForReview } from './timesheet/review-index';
import { parseJson, runWrite, type Backend, type WriteDone } from './backend';

export interface ClockInInput {
  readonly guildId: string;
  readonly userId: string;
  readonly category: string;
  readonly source: SessionSource;
  readonly description?: string;
  /** Minted by the caller so a journaled clock-in keeps its id when replayed. */
  readonly sessionId: string;
}

export interface ClockOutInput {
  readonly guildId: string;
  readonly userId: string;
}

export interface SwitchInput extends ClockOutInput {
  readonly category: string;
  readonly source: SessionSource;
  readonly sessionId: string;
}

export interface SessionChanges {
  readonly start?: number;
  readonly end?: number;
  readonly category?: string;
  /** null removes the description. */
  readonly description?: string | null;
}

/** Admin corrections may not create sessions longer than this, whatever the guild's maximum. */
export const MAX_EDITED_SESSION_MS = 7 * 86_400_000;

export const withReason = (ctx: WriteContext): { reason?: string } =>
  ctx.reason === undefined ? {} : { reason: ctx.reason };

function checkCommon(
  backend: Backend,
  guildId: string,
  userId: string,
  ctx: WriteContext,
): InvalidInput | null {
  return checkIds({ guildId, userId }) ?? checkContext(ctx, backend.now());
}

/** A new active session, guarded on the user having none and the category being active. */
function openSession(
  plan: TxPlan,
  backend: Backend,
  input: {
    guildId: string;
    userId: string;
    category: string;
    source: SessionSource;
    sessionId: string;
    description?: string;
  },
  now: number,
): Promise<ActiveSession | ClockInOutcome> {
  return backend.categories(input.guildId, false).then((snapshot) => {
    const key = normaliseCategory(input.category);
    const category = snapshot.byKey.get(key);
    const active = keys.activeCategories(input.guildId);
    if (!category || category.archived) {
      plan.guardMember(active, key, false);
      return category
        ? rejected('CATEGORY_ARCHIVED', `"${key}" is archived`)
        : rejected('CATEGORY_NOT_FOUND', `no category "${key}"`);
    }
    plan.guardMember(active, key, true);
    const session: ActiveSession = {
      id: input.sessionId,
      guildId: input.guildId,
      userId: input.userId,
      category: key,
      start: now,
      source: input.source,
      ...(input.description === undefined ? {} : { description: input.description }),
    };
    // Exactly the string remembered as the hint (clockIn): the close guard compares strings.
    plan.op(['hset', keys.activeSessions(input.guildId), input.userId, JSON.stringify(session)]);
    return session;
  });
}

/**
 * What a clock-in must know, read in one round trip: the member's active session and last end. A member
 * whose sessions were all written before the last end was kept (`keys.lastEnds`) has none: their latest
 * session's end is used instead (guarded as read) and written as their last end by the clock-in
 * (`migrated`), so the overlap rule holds for existing data too.
 */
async function readOpenState(
  backend: Backend,
  plan: TxPlan,
  guildId: string,
  userId: string,
): Promise<{ raw: string | null; lastEnd: string | null; migrated: boolean }> {
  const activeKey = keys.activeSessions(guildId);
  const [raw, lastEnd, latest] = await backend.call((r) =>
    Promise.all([
      r.hget(activeKey, userId),
      r.hget(keys.lastEnds(guildId), userId),
      r.zrevrange(keys.userSessions(guildId, userId), 0, 0),
    ]),
  );
  if (lastEnd !== null || latest.length === 0) return { raw, lastEnd, migrated: false };
  const sessionKey = keys.session(guildId, latest[0]!);
  const stored = await backend.call((r) => r.get(sessionKey));
  plan.guardString(sessionKey, stored);
  if (stored === null) return { raw, lastEnd: null, migrated: false };
  const end = parseJson<CompletedSession>(sessionKey, stored).end;
  return { raw, lastEnd: String(end), migrated: true };
}

export function clockIn(
  backend: Backend,
  input: ClockInInput,
  ctx: WriteContext,
): Promise<WriteDone<ClockInOutcome>> {
  const bad =
    checkCommon(backend, input.guildId, input.userId, ctx) ??
    checkSource(input.source) ??
    checkSessionDescription(input.description) ??
    (isToken(input.sessionId) ? null : invalid('sessionId', 'a session id is a token')) ??
    refused(checkCategoryRef(input.category));
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId } = input;
  let written: string | undefined;
  const done = runWrite<ClockInOutcome>(backend, 'clock.in', guildId, ctx.eventId, async (fresh) => {
    written = undefined;
    const plan = new TxPlan();
    const activeKey = keys.activeSessions(guildId);
    const endsKey = keys.lastEnds(guildId);
    // Optimistic: most clock-ins find no session and a last end this process wrote itself (guarded
    // below), so the first attempt skips the reads; without that hint, both are read in one round trip.
    const hint = fresh ? undefined : backend.lastEndHint?.(guildId, userId);
    const { raw, lastEnd, migrated } =
      hint === undefined
        ? await readOpenState(backend, plan, guildId, userId)
        : { raw: null, lastEnd: hint, migrated: false };
    plan.guardHash(activeKey, userId, raw).guardHash(endsKey, userId, migrated ? null : lastEnd);
    if (raw !== null) {
      const session = parseJson<ActiveSession>(activeKey, raw);
      return { plan, outcome: { ...rejected('ALREADY_CLOCKED_IN', 'already clocked in'), session } };
    }
    // Time only moves forward for a member: a clock-in before the last clock-out (clock skew between
    // replicas, a corrected session) starts at that clock-out instead, so sessions never overlap.
    const previousEnd = lastEnd === null ? null : Number(lastEnd);
    const start = previousEnd !== null && previousEnd > ctx.now ? previousEnd : ctx.now;
    const opened = await openSession(plan, backend, input, start);
    if ('ok' in opened) return { plan, outcome: opened };
    if (migrated) plan.op(['hset', endsKey, userId, lastEnd!]);
    written = JSON.stringify(opened);
    const event: DomainEvent = {
      type: 'clock.in',
      eventId: ctx.eventId,
      guildId,
      at: ctx.now,
      actor: ctx.actor,
      userId,
      sessionId: opened.id,
      category: opened.category,
      start: opened.start,
    };
    plan.audit(guildId, event.type, ctx, { after: opened });
    const clipped = start === ctx.now ? {} : { clippedFrom: ctx.now };
    return { plan, outcome: { ok: true, event, session: opened, ...clipped } };
  });
  return done.then((result) => {
    if (!result.replayed && result.outcome.ok && written) backend.rememberActive(guildId, userId, written);
    return result;
  });
}

interface Closed {
  readonly session: CompletedSession;
  readonly capped: boolean;
  readonly raw: string;
}

/**
 * Reads the active session and plans its close: guards on it and on the settings revision (the split
 * depends on the zone), moves it to a completed record, indexes it and credits every aggregate.
 * A session past the guild's maximum is cut to it and flagged for review.
 */
async function closeSession(
  backend: Backend,
  plan: TxPlan,
  guildId: string,
  userId: string,
  ctx: WriteContext,
  fresh: boolean,
  forced: boolean,
): Promise<Closed | Extract<ClockOutOutcome, { ok: false }>> {
  const activeKey = keys.activeSessions(guildId);
  // First attempt: trust this process's hint (guarded below); a retry always reads.
  const hint = fresh ? undefined : backend.activeHint(guildId, userId);
  const raw = hint ?? (await backend.call((r) => r.hget(activeKey, userId)));
  plan.guardHash(activeKey, userId, raw);
  if (raw === null) return rejected('NOT_CLOCKED_IN', 'not clocked in');
  const active = parseJson<ActiveSession>(activeKey, raw);
  if (ctx.now < active.start)
    return rejected('CLOCK_BEFORE_START', 'the clock-out time is before the clock-in');
  const { settings, rev } = await backend.settings(guildId, fresh);
  plan.guardHash(keys.settings(guildId), 'rev', rev);
  // The maximum counts from the last "Still working" confirmation, if any (repo/allowance.ts).
  const allowedFrom = allowanceStart(active);
  const capped = ctx.now - allowedFrom > settings.maxSessionMs;
  const end = capped ? allowedFrom + settings.maxSessionMs : ctx.now;
  const session: CompletedSession = {
    ...active,
    end,
    durationMs: end - active.start,
    flags: { forced, autoClosed: capped, edited: false, needsReview: capped },
    ...(forced ? { closedBy: ctx.actor, ...withReason(ctx) } : {}),
    pieces: splitByLocalDay(active.start, end, settings.timeZone, settings.weekStart),
    rev: 0,
    periodGeneration: settings.periodGeneration,
  };
  recordClosed(plan, session, ctx.now);
  return { session, capped, raw };
}

/**
 * Moves a member's active session to a completed record: indexes it, credits every aggregate and makes
 * its end the member's last end. A closed session is always the member's latest (clock-ins start at or
 * after the last end), so the last end simply becomes this one.
 */
export function recordClosed(plan: TxPlan, session: CompletedSession, now: number): void {
  const { guildId, userId } = session;
  plan.op(['hdel', keys.activeSessions(guildId), userId]);
  indexSession(plan, session, true);
  plan.op(['hset', keys.lastEnds(guildId), userId, String(session.end)]);
  new AggregateDelta(guildId, now, session.periodGeneration ?? 0)
    .session(userId, session.category, session.pieces, 1)
    .into(plan);
}

/** After a committed close: this process forgets the member's active session and remembers the end. */
export function rememberClosed(backend: Backend, session: CompletedSession): void {
  backend.rememberActive(session.guildId, session.userId, null);
  backend.rememberLastEnd?.(session.guildId, session.userId, String(session.end));
}

/**
 * Stores a completed session and lists it in the session indexes. A `created` session (just closed or
 * added) is in no index yet, so nothing needs taking out of the long-session and review indexes.
 */
export function indexSession(plan: TxPlan, session: CompletedSession, created = false): void {
  const { guildId, userId, id, start } = session;
  plan
    .op(['set', keys.session(guildId, id), JSON.stringify(session)])
    .op(['zadd', keys.userSessions(guildId, userId), start, id])
    .op(['zadd', keys.guildSessions(guildId), start, id]);
  if (session.end - start > PERIOD_LOOKBACK_MS) plan.op(['zadd', keys.longSessions(guildId), start, id]);
  else if (!created) plan.op(['zrem', keys.longSessions(guildId), id]);
  indexForReview(plan, guildId, session, created);
}

export const withoutPieces = (s: CompletedSession): Omit<CompletedSession, 'pieces'> => {
  const { pieces: _pieces, ...rest } = s;
  return rest;
};

export function closeEvent(
  type: DomainEvent['type'],
  guildId: string,
  ctx: WriteContext,
  s: CompletedSession,
): DomainEvent {
  return {
    type,
    eventId: ctx.eventId,
    guildId,
    at: ctx.now,
    actor: ctx.actor,
    userId: s.userId,
    sessionId: s.id,
    category: s.category,
    start: s.start,
    end: s.end,
    durationMs: s.durationMs,
    ...withReason(ctx),
  };
}

/** Clock-out by the member (forced = false) or by a manager (`forceClockOut`, actor and reason kept). */
export function clockOut(
  backend: Backend,
  input: ClockOutInput,
  ctx: WriteContext,
  forced = false,
): Promise<WriteDone<ClockOutOutcome>> {
  const bad = checkCommon(backend, input.guildId, input.userId, ctx);
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId } = input;
  const type = forced ? 'clock.forced' : 'clock.out';
  return runWrite<ClockOutOutcome>(backend, type, guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const closed = await closeSession(backend, plan, guildId, userId, ctx, fresh, forced);
    if ('ok' in closed) return { plan, outcome: closed };
    const event = closeEvent(type, guildId, ctx, closed.session);
    plan.audit(guildId, type, ctx, {
      // The stored JSON as it is: the text JSON.stringify(JSON.parse(raw)) would give, without the trip.
      before: closed.raw,
      after: withoutPieces(closed.session),
    });
    return { plan, outcome: { ok: true, event, session: closed.session, capped: closed.capped } };
  }).then((result) => {
    if (result.outcome.ok) rememberClosed(backend, result.outcome.session);
    return result;
  });
}

/** Closes the current session and opens one in another category at the same instant, atomically. */
export function switchCategory(
  backend: Backend,
  input: SwitchInput,
  ctx: WriteContext,
): Promise<WriteDone<SwitchOutcome>> {
  const bad =
    checkCommon(backend, input.guildId, input.userId, ctx) ??
    checkSource(input.source) ??
    (isToken(input.sessionId) ? null : invalid('sessionId', 'a session id is a token')) ??
    refused(checkCategoryRef(input.category));
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId } = input;
  return runWrite<SwitchOutcome>(backend, 'clock.switched', guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const closed = await closeSession(backend, plan, guildId, userId, ctx, fresh, false);
    if ('ok' in closed) return { plan, outcome: closed };
    if (closed.session.category === normaliseCategory(input.category)) {
      const message = `already clocked into "${closed.session.category}"`;
      return { plan: plan.guardsOnly(), outcome: rejected('SAME_CATEGORY', message) };
    }
    const opened = await openSession(plan, backend, input, ctx.now);
    if ('ok' in opened) {
      // The close was planned already; a rejected switch must leave the session running.
      if (opened.ok) throw new Error('openSession returns only rejections as outcomes');
      return { plan: plan.guardsOnly(), outcome: opened as SwitchOutcome };
    }
    const event: DomainEvent = {
      ...closeEvent('clock.switched', guildId, ctx, closed.session),
      sessionId: opened.id,
      previousSessionId: closed.session.id,
      category: opened.category,
    };
    plan.audit(guildId, event.type, ctx, { before: withoutPieces(closed.session), after: opened });
    return { plan, outcome: { ok: true, event, closed: closed.session, opened, capped: closed.capped } };
  }).then((result) => {
    if (!result.replayed && result.outcome.ok) {
      rememberClosed(backend, result.outcome.closed);
      backend.rememberActive(guildId, userId, JSON.stringify(result.outcome.opened));
    }
    return result;
  });
}
