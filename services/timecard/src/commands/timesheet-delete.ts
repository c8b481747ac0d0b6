/** `/timesheet delete user session reason`: previews deleting a session. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import type { Draft } from '../flows/corrections';
import { reasonOf, sessionOf, targetOf } from '../flows/timesheet-input';
import { previewView } from '../views/corrections';

export function timesheetDeleteCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    await requireManager(deps, scope);
    const userId = targetOf(scope);
    const reason = reasonOf(scope);
    const session = await sessionOf(deps, scope, userId);
    const { names } = await loadCategories(deps, scope.guildId);
    const draftId = scope.interaction.id;
    const draft: Draft = {
      kind: 'delete',
      guildId: scope.guildId,
      userId,
      actor: scope.userId,
      reason,
      sessionId: session.id,
    };
    await deps.storage.saveDraft(scope.guildId, draftId, draft);
    const ids = deps.ids.correction(scope.guildId, draftId);
    return respond.ephemeral(
      previewView({
        kind: 'delete',
        userId,
        before: session,
        after: null,
        reason,
        names,
        confirmId: ids.confirm,
        cancelId: ids.cancel,
      }),
    );
  };
}
