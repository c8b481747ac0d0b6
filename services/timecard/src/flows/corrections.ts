/**
 * Timesheet corrections: a previewed change is kept as a draft until its Confirm button; confirming
 * applies it once (the draft id is the write's event id), then publishes its domain event (activity
 * log) and DMs the member. Refusals from storage become friendly answers that change nothing.
 */
import type { DmSendJob } from '@timekeeper/contracts';
import {
  contractEvents,
  type CompletedSession,
  type Overlap,
  type PeriodLocked,
  type SessionChanges,
  type WriteResult,
} from '@timekeeper/storage';
import { loadCategories, type TimecardDeps } from '../deps';
import { withStorageRefusals } from '@timekeeper/service-kit';
import { correctionDmEmbeds } from '../views/corrections';
import type { CategoryNames } from '../views/names';
import { discordTime } from '../logic/format';
import { formatDuration } from '@timekeeper/contracts';

interface DraftBase {
  readonly guildId: string;
  /** The member whose timesheet changes. */
  readonly userId: string;
  /** The manager who previewed it; only they can confirm it. */
  readonly actor: string;
  readonly reason: string;
}

export type Draft =
  | (DraftBase & { readonly kind: 'edit'; readonly sessionId: string; readonly changes: SessionChanges })
  | (DraftBase & {
      readonly kind: 'add';
      readonly category: string;
      readonly start: number;
      readonly end: number;
      readonly description?: string;
    })
  | (DraftBase & { readonly kind: 'delete'; readonly sessionId: string })
  /** A flagged session accepted as it is (clears the review flag). */
  | (DraftBase & { readonly kind: 'accept'; readonly sessionId: string });

export type Applied =
  | {
      readonly ok: true;
      readonly replayed: boolean;
      readonly before: CompletedSession | null;
      readonly after: CompletedSession | null;
      readonly notified: boolean;
    }
  | { readonly ok: false; readonly message: string };

/** Any storage refusal of a correction; locks and overlaps say which period or session. */
interface Refusal {
  readonly code: string;
  readonly message: string;
  readonly lock?: PeriodLocked['lock'];
  readonly conflict?: Overlap['conflict'];
}

/** Applies a confirmed draft. `draftId` is the event id, so a second Confirm replays and changes nothing. */
export async function applyDraft(deps: TimecardDeps, draft: Draft, draftId: string): Promise<Applied> {
  const ctx = { eventId: draftId, now: deps.clock.now(), actor: draft.actor, reason: draft.reason };
  const { names } = await loadCategories(deps, draft.guildId);
  const saved = <O>(result: WriteResult<O>): O | null =>
    result.status === 'applied' ? result.outcome : null;
  let before: CompletedSession | null = null;
  let after: CompletedSession | null = null;
  let replayed = false;
  switch (draft.kind) {
    case 'edit':
    case 'accept': {
      const result = await withStorageRefusals(() =>
        deps.storage.editSession(
          draft.guildId,
          draft.sessionId,
          draft.kind === 'edit' ? draft.changes : {},
          ctx,
        ),
      );
      const outcome = saved(result);
      if (!outcome) return journaled();
      if (!outcome.ok) return refusal(outcome);
      replayed = result.status === 'applied' && result.replayed;
      ({ before, after } = outcome);
      if (!replayed) deps.effects.publish(contractEvents.edited(outcome));
      break;
    }
    case 'add': {
      const result = await withStorageRefusals(() =>
        deps.storage.addSession(
          {
            guildId: draft.guildId,
            userId: draft.userId,
            category: draft.category,
            start: draft.start,
            end: draft.end,
            ...(draft.description === undefined ? {} : { description: draft.description }),
          },
          ctx,
        ),
      );
      const outcome = saved(result);
      if (!outcome) return journaled();
      if (!outcome.ok) return refusal(outcome);
      replayed = result.status === 'applied' && result.replayed;
      after = outcome.session;
      if (!replayed) deps.effects.publish(contractEvents.added(outcome));
      break;
    }
    case 'delete': {
      const result = await withStorageRefusals(() =>
        deps.storage.deleteSession(draft.guildId, draft.sessionId, ctx),
      );
      const outcome = saved(result);
      if (!outcome) return journaled();
      if (!outcome.ok) return refusal(outcome);
      replayed = result.status === 'applied' && result.replayed;
      before = outcome.deleted;
      if (!replayed) deps.effects.publish(contractEvents.deleted(outcome));
      break;
    }
  }
  await deps.storage.dropDraft(draft.guildId, draftId).catch(() => undefined);
  const notified = replayed || (await notifyMember(deps, draft, draftId, names, before, after));
  return { ok: true, replayed, before, after, notified };
}

async function notifyMember(
  deps: TimecardDeps,
  draft: Draft,
  draftId: string,
  names: CategoryNames,
  before: CompletedSession | null,
  after: CompletedSession | null,
): Promise<boolean> {
  const job: DmSendJob = {
    v: 1,
    kind: 'dm.send',
    jobId: `dm:timesheet:${draftId}`,
    guildId: draft.guildId,
    enqueuedAt: deps.clock.now(),
    userId: draft.userId,
    purpose: 'timesheet',
    embeds: correctionDmEmbeds({
      kind: draft.kind,
      actorId: draft.actor,
      reason: draft.reason,
      before,
      after,
      names,
    }) as unknown as Record<string, unknown>[],
  };
  const result = await deps.effects.publishJobs([job]);
  return result.allQueued;
}

function journaled(): Applied {
  return {
    ok: false,
    message:
      'The correction was saved and will be applied as soon as Timekeeper can write to its storage again. Check `/timesheet audit` in a moment.',
  };
}

/** Storage refusals in words; nothing was changed by any of them. */
export function refusal(outcome: Refusal): Applied {
  const unchanged = 'Nothing was changed.';
  const text = (() => {
    switch (outcome.code) {
      case 'SESSION_NOT_FOUND':
        return 'That session no longer exists (it was deleted meanwhile).';
      case 'END_BEFORE_START':
        return 'The end would be before the start.';
      case 'END_IN_FUTURE':
        return 'The end would be in the future; a session can only be corrected up to now.';
      case 'TOO_LONG':
        return "That's longer than the maximum session length (`/config maxsession`).";
      case 'PERIOD_LOCKED': {
        const lock = outcome.lock!;
        const who = lock.scope === '*' ? 'everyone' : `<@${lock.scope}>`;
        return `That falls in ${periodName(lock.periodId)}, approved and locked for ${who} by <@${lock.by}>. Unlock it with \`/timesheet unlock\` first.`;
      }
      case 'SESSION_OVERLAP': {
        const c = outcome.conflict!;
        return c.end === null
          ? `That would overlap the member's running session (since ${discordTime(c.start, 'f')}).`
          : `That would overlap another session of the member: ${discordTime(c.start, 'f')} → ${discordTime(c.end, 't')} (${formatDuration(c.end - c.start)}).`;
      }
      case 'CATEGORY_NOT_FOUND':
      case 'CATEGORY_ARCHIVED':
        return `That category can't be used: ${outcome.message}.`;
      default:
        return `That correction was refused: ${outcome.message}.`;
    }
  })();
  return { ok: false, message: `${text} ${unchanged}` };
}

/** `w2026-11-30` → "the week of 2026-11-30"; `m2026-12` → "the month 2026-12". */
export function periodName(periodId: string): string {
  return periodId.startsWith('w') ? `the week of ${periodId.slice(1)}` : `the month ${periodId.slice(1)}`;
}
