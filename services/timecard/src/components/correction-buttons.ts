/**
 * Confirm and Cancel under a correction preview. The signed custom_id names the draft; the draft's
 * state decides: once applied (or cancelled) it is gone, so a second press — or a replayed id — finds
 * nothing and changes nothing. Only the manager who previewed it may confirm it, and still a manager.
 */
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, type ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, requireSameGuild, type TimecardDeps } from '../deps';
import { applyDraft, type Draft } from '../flows/corrections';
import { appliedView, cancelledView } from '../views/corrections';
import { replaceWith } from './reply';

const GONE =
  'This correction was already applied, cancelled, or has expired (previews last 15 minutes). Nothing was changed; check `/timesheet audit`.';

async function ownDraft(
  deps: TimecardDeps,
  scope: ComponentScope,
): Promise<{ draft: Draft; draftId: string } | null> {
  const [guildId, draftId] = scope.customId.args;
  requireSameGuild(scope, guildId);
  await requireManager(deps, scope);
  const draft = await deps.storage.readDraft<Draft>(scope.guildId, draftId ?? '');
  if (!draft) return null;
  if (draft.actor !== scope.userId) {
    throw new InteractionError(
      ErrorCode.FORBIDDEN,
      'Only the manager who previewed this correction can confirm it. Nothing was changed.',
    );
  }
  return { draft, draftId: draftId! };
}

export function correctionConfirmButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const own = await ownDraft(deps, scope);
    if (!own) return replaceWith({ content: GONE, embeds: [], components: [] });
    const applied = await applyDraft(deps, own.draft, own.draftId);
    if (!applied.ok) return replaceWith({ content: applied.message, embeds: [], components: [] });
    const { names } = await loadCategories(deps, scope.guildId);
    return replaceWith(appliedView({ ...applied, kind: own.draft.kind, userId: own.draft.userId, names }));
  };
}

export function correctionCancelButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const own = await ownDraft(deps, scope);
    if (own) await deps.storage.dropDraft(scope.guildId, own.draftId);
    return replaceWith(own ? cancelledView() : { content: GONE, embeds: [], components: [] });
  };
}
