import { isToken, keys } from '../model/keys';
import {
  invalid,
  rejected,
  type DeleteSessionOutcome,
  type EditSessionOutcome,
  type InvalidInput,
  type Overlap,
  type Rejected,
} from '../model/outcomes';
import { AggregateDelta, TxPlan } from '../model/plan';
import { creditedPieces, splitByLocalDay } from '../model/time';
import type { ActiveSession, CompletedSession, DomainEvent, WriteContext } from '../model/types';
import {
  checkContext,
  checkIds,
  checkInstant,
  checkCategoryRef,
  checkSessionDescription,
  isObject,
  normaliseCategory,
  refused,
} from '../model/validation';
import { parseJson, runWrite, type Backend, type WriteDone } from './backend';
import {
  closeEvent,
  indexSession,
  MAX_EDITED_SESSION_MS,
  withoutPieces,
  type SessionChanges,
} from './sessions';
import { checkUnlocked } from './timesheet/checks';

/**
 * Admin corrections: each moves every aggregate by exactly the difference it makes, and keeps the
 * member's sessions apart (an edit that would overlap another session, or the running one, is refused
 * with that session named) and the member's last end (`keys.lastEnds`) true.
 */

interface Stored {
  readonly key: string;
  readonly raw: string;
  readonly session: CompletedSession;
}

async function readStored(backend: Backend, plan: TxPlan, key: string): Promise<Stored | null> {
  const raw = await backend.call((r) => r.get(key));
  plan.guardString(key, raw);
  return raw === null ? null : { key, raw, session: parseJson<CompletedSession>(key, raw) };
}

/** The member's session whose id comes first in `ids` other than `sessionId`, guarded as read. */
async function firstOther(
  backend: Backend,
  plan: TxPlan,
  guildId: string,
  ids: string[],
  sessionId: string,
): Promise<CompletedSession | null> {
  const id = ids.find((candidate) => candidate !== sessionId);
  return id === undefined
    ? null
    : ((await readStored(backend, plan, keys.session(guildId, id)))?.session ?? null);
}

function overlap(other: { id: string; start: number; end?: number }): Overlap {
  const end = other.end ?? null;
  const span = `${new Date(other.start).toISOString()}–${end === null ? 'now (running)' : new Date(end).toISOString()}`;
  return {
    ...rejected('SESSION_OVERLAP', `that would overlap session ${other.id} (${span})`),
    conflict: { id: other.id, start: other.start, end },
  };
}

/**
 * Checks [start, end) of `session` against the member's other sessions: the latest one starting at or
 * before `start`, the first one starting after it (the others are apart already) and the running one,
 * guarded on the member's revision, so the check holds atomically with the write in the script.
 * Returns the conflict, or the member's latest other session (for the last end).
 */
export async function checkApart(
  backend: Backend,
  plan: TxPlan,
  session: { guildId: string; userId: string; id: string },
  start: number,
  end: number,
): Promise<Overlap | { latest: CompletedSession | null }> {
  const { guildId, userId, id } = session;
  const index = keys.userSessions(guildId, userId);
  const activeKey = keys.activeSessions(guildId);
  const revs = keys.memberRevs(guildId);
  const [before, after, last, activeRaw, rev] = await backend.call((r) =>
    Promise.all([
      r.zrevrangebyscore(index, start, '-inf', 'LIMIT', 0, 2),
      r.zrangebyscore(index, `(${start}`, '+inf', 'LIMIT', 0, 2),
      r.zrevrange(index, 0, 1),
      r.hget(activeKey, userId),
      r.hget(revs, userId),
    ]),
  );
  plan.guardHash(activeKey, userId, activeRaw);
  // Every write to the member's sessions bumps their revision (AggregateDelta): a concurrent
  // correction that moved another session into [start, end) makes this write stale, so the check is
  // made again on what it did. Without this guard, two corrections could each pass and together overlap.
  plan.guardHash(revs, userId, rev);
  const previous = await firstOther(backend, plan, guildId, before, id);
  if (previous && previous.end > start) return overlap(previous);
  const next = await firstOther(backend, plan, guildId, after, id);
  if (next && next.start < end) return overlap(next);
  const active = activeRaw === null ? null : parseJson<ActiveSession>(activeKey, activeRaw);
  if (active && active.start < end) return overlap(active);
  return { latest: await firstOther(backend, plan, guildId, last, id) };
}

/** Sets the member's last end from their latest session after a correction (or removes it). */
export function setLastEnd(
  plan: TxPlan,
  guildId: string,
  userId: string,
  latest: CompletedSession | null,
): void {
  if (latest) plan.op(['hset', keys.lastEnds(guildId), userId, String(latest.end)]);
  else plan.op(['hdel', keys.lastEnds(guildId), userId]);
}

/** The checks both corrections start with. */
function checkCorrection(
  backend: Backend,
  guildId: string,
  sessionId: string,
  ctx: WriteContext,
): InvalidInput | null {
  return (
    checkIds({ guildId }) ??
    checkContext(ctx, backend.now()) ??
    (isToken(sessionId) ? null : invalid('sessionId', 'a session id is a token'))
  );
}

/** Reads a completed session for a correction, guarded on it staying as read. */
async function readSession(
  backend: Backend,
  plan: TxPlan,
  guildId: string,
  sessionId: string,
): Promise<{ key: string; session: CompletedSession } | Rejected<'SESSION_NOT_FOUND'>> {
  const key = keys.session(guildId, sessionId);
  const raw = await backend.call((r) => r.get(key));
  plan.guardString(key, raw);
  if (raw === null) return rejected('SESSION_NOT_FOUND', `no session ${sessionId}`);
  return { key, session: parseJson<CompletedSession>(key, raw) };
}

export function editSession(
  backend: Backend,
  guildId: string,
  sessionId: string,
  changes: SessionChanges,
  ctx: WriteContext,
): Promise<WriteDone<EditSessionOutcome>> {
  const bad =
    checkCorrection(backend, guildId, sessionId, ctx) ??
    (isObject(changes) ? null : invalid('changes', 'the changes are an object')) ??
    (changes.start === undefined ? null : checkInstant('start', changes.start, backend.now())) ??
    (changes.end === undefined ? null : checkInstant('end', changes.end, backend.now())) ??
    (changes.category === undefined ? null : refused(checkCategoryRef(changes.category))) ??
    (changes.description === null ? null : checkSessionDescription(changes.description));
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  return runWrite<EditSessionOutcome>(backend, 'session.edited', guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const read = await readSession(backend, plan, guildId, sessionId);
    if ('ok' in read) return { plan, outcome: read };
    const { session: before } = read;
    const start = changes.start ?? before.start;
    const end = changes.end ?? before.end;
    if (end < start) return { plan, outcome: rejected('END_BEFORE_START', 'the end is before the start') };
    if (end > ctx.now && end !== before.end) {
      return { plan, outcome: rejected('END_IN_FUTURE', 'the end is in the future') };
    }
    if (end - start > MAX_EDITED_SESSION_MS) {
      return { plan, outcome: invalid('end', 'a session lasts at most 7 days') };
    }
    let category = before.category;
    if (changes.category !== undefined && normaliseCategory(changes.category) !== before.category) {
      category = normaliseCategory(changes.category);
      const snapshot = await backend.categories(guildId, fresh);
      const found = snapshot.byKey.get(category);
      plan.guardMember(keys.activeCategories(guildId), category, found !== undefined && !found.archived);
      if (!found) return { plan, outcome: rejected('CATEGORY_NOT_FOUND', `no category "${category}"`) };
      if (found.archived)
        return { plan, outcome: rejected('CATEGORY_ARCHIVED', `"${category}" is archived`) };
    }
    const apart = await checkApart(backend, plan, before, start, end);
    if ('ok' in apart) return { plan, outcome: apart };
    const { settings, rev } = await backend.settings(guildId, fresh);
    plan.guardHash(keys.settings(guildId), 'rev', rev);
    if (end - start > Math.max(settings.maxSessionMs, before.durationMs)) {
      return { plan, outcome: rejected('TOO_LONG', 'longer than the maximum session length') };
    }
    const pieces = splitByLocalDay(start, end, settings.timeZone, settings.weekStart);
    const locked = await checkUnlocked(backend, plan, guildId, before.userId, [...before.pieces, ...pieces]);
    if (locked) return { plan, outcome: locked };
    const { description: _old, ...rest } = before;
    const description = changes.description === undefined ? before.description : changes.description;
    const after: CompletedSession = {
      ...rest,
      ...(description === null || description === undefined ? {} : { description }),
      category,
      start,
      end,
      durationMs: end - start,
      flags: { ...before.flags, edited: true, needsReview: false },
      pieces,
      rev: before.rev + 1,
      periodGeneration: settings.periodGeneration,
    };
    indexSession(plan, after);
    const latest = apart.latest && apart.latest.start > start ? apart.latest : after;
    setLastEnd(plan, guildId, before.userId, latest);
    new AggregateDelta(guildId, ctx.now, settings.periodGeneration)
      .session(before.userId, before.category, creditedPieces(before, settings), -1)
      .session(before.userId, after.category, after.pieces, 1)
      .into(plan);
    const event: DomainEvent = {
      ...closeEvent('session.edited', guildId, ctx, after),
      deltaMs: after.durationMs - before.durationMs,
    };
    plan.audit(guildId, event.type, ctx, { before: withoutPieces(before), after: withoutPieces(after) });
    return { plan, outcome: { ok: true, event, before, after } };
  });
}

export function deleteSession(
  backend: Backend,
  guildId: string,
  sessionId: string,
  ctx: WriteContext,
): Promise<WriteDone<DeleteSessionOutcome>> {
  const bad = checkCorrection(backend, guildId, sessionId, ctx);
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  return runWrite<DeleteSessionOutcome>(backend, 'session.deleted', guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const read = await readSession(backend, plan, guildId, sessionId);
    if ('ok' in read) return { plan, outcome: read };
    const { key, session: deleted } = read;
    const locked = await checkUnlocked(backend, plan, guildId, deleted.userId, deleted.pieces);
    if (locked) return { plan, outcome: locked };
    const { settings, rev } = await backend.settings(guildId, fresh);
    plan.guardHash(keys.settings(guildId), 'rev', rev);
    const index = keys.userSessions(guildId, deleted.userId);
    const last = await backend.call((r) => r.zrevrange(index, 0, 1));
    setLastEnd(plan, guildId, deleted.userId, await firstOther(backend, plan, guildId, last, sessionId));
    plan
      .op(['zrem', keys.reviewQueue(guildId), sessionId])
      .op(['del', key])
      .op(['zrem', keys.userSessions(guildId, deleted.userId), sessionId])
      .op(['zrem', keys.guildSessions(guildId), sessionId])
      .op(['zrem', keys.longSessions(guildId), sessionId]);
    new AggregateDelta(guildId, ctx.now, settings.periodGeneration)
      .session(deleted.userId, deleted.category, creditedPieces(deleted, settings), -1)
      .into(plan);
    const event: DomainEvent = {
      ...closeEvent('session.deleted', guildId, ctx, deleted),
      deltaMs: -deleted.durationMs,
    };
    plan.audit(guildId, event.type, ctx, { before: withoutPieces(deleted) });
    return { plan, outcome: { ok: true, event, deleted } };
  });
}
