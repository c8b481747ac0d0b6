/**
 * The review queue's buttons. Each acts only while the session is still flagged: a button pressed
 * again (or a replayed custom_id) after the session was reviewed finds it unflagged and changes
 * nothing. Accept applies at once; Adjust end and Delete ask for the details in a modal, then preview.
 */
import { ErrorCode } from '@timekeeper/contracts';
import {
  InteractionError,
  respond,
  type ComponentScope,
  type InteractionScope,
  type ModalScope,
} from '@timekeeper/service-kit';
import type { CompletedSession } from '@timekeeper/storage';
import { ComponentType, TextInputStyle, type APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, requireSameGuild, type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import { applyDraft, type Draft } from '../flows/corrections';
import { checkSpan, timeOf } from '../flows/timesheet-input';
import { parseEnd } from '../logic/timesheet';
import { appliedView, previewView } from '../views/corrections';

const END_FIELD = 'end';
const REASON_FIELD = 'reason';
const REVIEWED =
  'That session was already reviewed (or deleted), so this button does nothing now. Run `/timesheet review` for the current queue. Nothing was changed.';

/** The flagged session a review button names, or a refusal. */
async function flagged(
  deps: TimecardDeps,
  scope: InteractionScope & { customId: { args: readonly string[] } },
): Promise<CompletedSession> {
  const [guildId, sessionId] = scope.customId.args;
  requireSameGuild(scope, guildId);
  await requireManager(deps, scope);
  const session = readValue(await deps.storage.session(scope.guildId, sessionId ?? ''));
  if (!session || !session.flags.needsReview) throw new InteractionError(ErrorCode.CONFLICT, REVIEWED);
  return session;
}

export function reviewAcceptButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const session = await flagged(deps, scope);
    const draft: Draft = {
      kind: 'accept',
      guildId: scope.guildId,
      userId: session.userId,
      actor: scope.userId,
      reason: 'Reviewed and accepted as recorded',
      sessionId: session.id,
    };
    const applied = await applyDraft(deps, draft, scope.interaction.id);
    if (!applied.ok) return respond.ephemeral(applied.message);
    const { names } = await loadCategories(deps, scope.guildId);
    return respond.ephemeral(appliedView({ ...applied, kind: 'accept', userId: session.userId, names }));
  };
}

function textInput(customId: string, label: string, placeholder: string, max: number) {
  return {
    type: ComponentType.ActionRow,
    components: [
      {
        type: ComponentType.TextInput,
        custom_id: customId,
        label,
        style: TextInputStyle.Short,
        placeholder,
        min_length: 3,
        max_length: max,
        required: true,
      },
    ],
  } as never;
}

export function reviewAdjustButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const session = await flagged(deps, scope);
    return respond.modal({
      custom_id: deps.ids.review(scope.guildId, session.id).adjustModal,
      title: 'Set the real end of this session',
      components: [
        textInput(END_FIELD, 'Worked until (server time)', 'HH:MM or YYYY-MM-DD HH:MM', 16),
        textInput(REASON_FIELD, 'Reason', 'e.g. confirmed with the member', 200),
      ],
    });
  };
}

export function reviewDeleteButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const session = await flagged(deps, scope);
    return respond.modal({
      custom_id: deps.ids.review(scope.guildId, session.id).deleteModal,
      title: 'Delete this session',
      components: [textInput(REASON_FIELD, 'Reason', 'e.g. the member was not working', 200)],
    });
  };
}

/** Both modals end in a preview with Confirm / Cancel, like `/timesheet edit` and `delete`. */
export function reviewModal(deps: TimecardDeps, kind: 'edit' | 'delete') {
  return async (scope: ModalScope): Promise<APIInteractionResponse> => {
    const session = await flagged(deps, scope);
    const settings = await requireManager(deps, scope);
    const reason = (scope.fields.get(REASON_FIELD) ?? '').trim();
    if (reason.length < 3)
      return respond.ephemeral('Give a reason (at least 3 characters). Nothing was changed.');
    let end = session.end;
    if (kind === 'edit') {
      end = timeOf(parseEnd(scope.fields.get(END_FIELD) ?? '', settings.timeZone, session.start));
      checkSpan(session.start, end, deps.clock.now(), settings);
    }
    const base = {
      guildId: scope.guildId,
      userId: session.userId,
      actor: scope.userId,
      reason,
      sessionId: session.id,
    };
    const draft: Draft = kind === 'edit' ? { ...base, kind, changes: { end } } : { ...base, kind };
    const draftId = scope.interaction.id;
    await deps.storage.saveDraft(scope.guildId, draftId, draft);
    const { names } = await loadCategories(deps, scope.guildId);
    const ids = deps.ids.correction(scope.guildId, draftId);
    return respond.ephemeral(
      previewView({
        kind,
        userId: session.userId,
        before: session,
        after: kind === 'edit' ? { ...session, end, durationMs: end - session.start } : null,
        reason,
        names,
        confirmId: ids.confirm,
        cancelId: ids.cancel,
      }),
    );
  };
}
