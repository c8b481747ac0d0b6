import { isToken, keys } from '../model/keys';
import {
  invalid,
  rejected,
  type DeleteSessionOutcome,
  type EditSessionOutcome,
  type InvalidInput,
  type Rejected,
} from '../model/outcomes';
import { AggregateDelta, TxPlan } from '../model/plan';
import { splitByLocalDay } from '../model/time';
import type { CompletedSession, DomainEvent, WriteContext } from '../model/types';
import {
  checkContext,
  checkIds,
  checkInstant,
  checkSessionDescription,
  normaliseCategory,
} from '../model/validation';
import { parseJson, runWrite, type Backend, type WriteDone } from './backend';
import { closeEvent, MAX_EDITED_SESSION_MS, withoutPieces, type SessionChanges } from './sessions';
import { checkNoOverlap, checkUnlocked } from './timesheet/checks';
import { indexForReview } from './timesheet/review-index';

/** Admin corrections: each moves every aggregate by exactly the difference it makes. */

/** The checks both corrections start with. */
function checkCorrection(guildId: string, sessionId: string, ctx: WriteContext): InvalidInput | null {
  return (
    checkIds({ guildId }) ??
    checkContext(ctx) ??
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
    checkCorrection(guildId, sessionId, ctx) ??
    (changes.start === undefined ? null : checkInstant('start', changes.start)) ??
    (changes.end === undefined ? null : checkInstant('end', changes.end)) ??
    (changes.description === null ? null : checkSessionDescription(changes.description));
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  return runWrite<EditSessionOutcome>(backend, 'session.edited', guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    const read = await readSession(backend, plan, guildId, sessionId);
    if ('ok' in read) return { plan, outcome: read };
    const { key, session: before } = read;
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
    const { settings, rev } = await backend.settings(guildId, fresh);
    plan.guardHash(keys.settings(guildId), 'rev', rev);
    if (end - start > Math.max(settings.maxSessionMs, before.durationMs)) {
      return { plan, outcome: rejected('TOO_LONG', 'longer than the maximum session length') };
    }
    const pieces = splitByLocalDay(start, end, settings.timeZone, settings.weekStart);
    const locked = await checkUnlocked(backend, plan, guildId, before.userId, [...before.pieces, ...pieces]);
    if (locked) return { plan, outcome: locked };
    if (start !== before.start || end !== before.end) {
      const overlap = await checkNoOverlap(backend, plan, guildId, before.userId, start, end, sessionId);
      if (overlap) return { plan, outcome: overlap };
    }
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
    };
    plan.op(['set', key, JSON.stringify(after)]);
    indexForReview(plan, guildId, after);
    if (start !== before.start) {
      plan
        .op(['zadd', keys.userSessions(guildId, before.userId), start, sessionId])
        .op(['zadd', keys.guildSessions(guildId), start, sessionId]);
    }
    new AggregateDelta(guildId, ctx.now)
      .session(before.userId, before.category, before.pieces, -1)
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
  const bad = checkCorrection(guildId, sessionId, ctx);
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  return runWrite<DeleteSessionOutcome>(backend, 'session.deleted', guildId, ctx.eventId, async () => {
    const plan = new TxPlan();
    const read = await readSession(backend, plan, guildId, sessionId);
    if ('ok' in read) return { plan, outcome: read };
    const { key, session: deleted } = read;
    const locked = await checkUnlocked(backend, plan, guildId, deleted.userId, deleted.pieces);
    if (locked) return { plan, outcome: locked };
    plan
      .op(['zrem', keys.reviewQueue(guildId), sessionId])
      .op(['del', key])
      .op(['zrem', keys.userSessions(guildId, deleted.userId), sessionId])
      .op(['zrem', keys.guildSessions(guildId), sessionId]);
    new AggregateDelta(guildId, ctx.now)
      .session(deleted.userId, deleted.category, deleted.pieces, -1)
      .into(plan);
    const event: DomainEvent = {
      ...closeEvent('session.deleted', guildId, ctx, deleted),
      deltaMs: -deleted.durationMs,
    };
    plan.audit(guildId, event.type, ctx, { before: withoutPieces(deleted) });
    return { plan, outcome: { ok: true, event, deleted } };
  });
}
