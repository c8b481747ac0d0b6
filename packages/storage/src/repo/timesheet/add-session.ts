/** A manager adds a session the member forgot to clock: credited like a clock-out, audited as a correction. */
import { isToken, keys } from '../../model/keys';
import {
  invalid,
  rejected,
  type EventIdConflict,
  type InvalidInput,
  type Overlap,
  type PeriodLocked,
  type Rejected,
} from '../../model/outcomes';
import { AggregateDelta, TxPlan } from '../../model/plan';
import { splitByLocalDay } from '../../model/time';
import type { CompletedSession, DomainEvent, WriteContext } from '../../model/types';
import {
  checkCategoryRef,
  checkContext,
  checkIds,
  checkInstant,
  checkSessionDescription,
  normaliseCategory,
  refused,
} from '../../model/validation';
import { runWrite, type Backend, type WriteDone } from '../backend';
import { closeEvent, indexSession, withoutPieces } from '../sessions';
import { checkApart, setLastEnd } from '../corrections';
import { checkUnlocked } from './checks';

export interface AddSessionInput {
  readonly guildId: string;
  readonly userId: string;
  /** Minted by the caller, so a journaled add keeps its id when replayed. */
  readonly sessionId: string;
  readonly category: string;
  readonly start: number;
  readonly end: number;
  readonly description?: string;
}

export type AddSessionOutcome =
  | { readonly ok: true; readonly event: DomainEvent; readonly session: CompletedSession }
  | Rejected<'END_BEFORE_START'>
  | Rejected<'END_IN_FUTURE'>
  | Rejected<'TOO_LONG'>
  | Rejected<'CATEGORY_NOT_FOUND'>
  | Rejected<'CATEGORY_ARCHIVED'>
  | Overlap
  | PeriodLocked
  | InvalidInput
  | EventIdConflict;

export function addSession(
  backend: Backend,
  input: AddSessionInput,
  ctx: WriteContext,
): Promise<WriteDone<AddSessionOutcome>> {
  const bad =
    checkIds({ guildId: input.guildId, userId: input.userId }) ??
    checkContext(ctx, backend.now()) ??
    (isToken(input.sessionId) ? null : invalid('sessionId', 'a session id is a token')) ??
    refused(checkCategoryRef(input.category)) ??
    checkInstant('start', input.start, backend.now()) ??
    checkInstant('end', input.end, backend.now()) ??
    checkSessionDescription(input.description);
  if (bad) return Promise.resolve({ outcome: bad, replayed: false });
  const { guildId, userId, start, end } = input;
  return runWrite<AddSessionOutcome>(backend, 'session.added', guildId, ctx.eventId, async (fresh) => {
    const plan = new TxPlan();
    if (end <= start)
      return { plan, outcome: rejected('END_BEFORE_START', 'the end is not after the start') };
    if (end > ctx.now) return { plan, outcome: rejected('END_IN_FUTURE', 'the end is in the future') };
    const category = normaliseCategory(input.category);
    const snapshot = await backend.categories(guildId, fresh);
    const found = snapshot.byKey.get(category);
    plan.guardMember(keys.activeCategories(guildId), category, found !== undefined && !found.archived);
    if (!found) return { plan, outcome: rejected('CATEGORY_NOT_FOUND', `no category "${category}"`) };
    if (found.archived) return { plan, outcome: rejected('CATEGORY_ARCHIVED', `"${category}" is archived`) };
    const { settings, rev } = await backend.settings(guildId, fresh);
    plan.guardHash(keys.settings(guildId), 'rev', rev);
    if (end - start > settings.maxSessionMs) {
      return { plan, outcome: rejected('TOO_LONG', 'longer than the maximum session length') };
    }
    const pieces = splitByLocalDay(start, end, settings.timeZone, settings.weekStart);
    const locked = await checkUnlocked(backend, plan, guildId, userId, pieces);
    if (locked) return { plan, outcome: locked };
    const apart = await checkApart(backend, plan, { guildId, userId, id: input.sessionId }, start, end);
    if ('ok' in apart) return { plan, outcome: apart };
    const key = keys.session(guildId, input.sessionId);
    plan.guardString(key, null);
    const session: CompletedSession = {
      id: input.sessionId,
      guildId,
      userId,
      category,
      start,
      end,
      durationMs: end - start,
      source: 'admin',
      flags: { forced: false, autoClosed: false, edited: true, needsReview: false },
      ...(input.description === undefined ? {} : { description: input.description }),
      closedBy: ctx.actor,
      ...(ctx.reason === undefined ? {} : { reason: ctx.reason }),
      pieces,
      periodGeneration: settings.periodGeneration,
      rev: 0,
    };
    indexSession(plan, session, true);
    setLastEnd(plan, guildId, userId, apart.latest && apart.latest.start > start ? apart.latest : session);
    new AggregateDelta(guildId, ctx.now, settings.periodGeneration)
      .session(userId, category, pieces, 1)
      .into(plan);
    const event = closeEvent('session.added', guildId, ctx, session);
    plan.audit(guildId, event.type, ctx, { after: withoutPieces(session) });
    return { plan, outcome: { ok: true, event, session } };
  });
}
