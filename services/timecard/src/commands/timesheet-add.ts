/** `/timesheet add user category start end reason [note]`: previews a missing session. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import type { Draft } from '../flows/corrections';
import { checkSpan, reasonOf, refuse, targetOf, timeOf } from '../flows/timesheet-input';
import { findCategory } from '../logic/categories';
import { parseEnd, parseLocalTime } from '../logic/timesheet';
import { previewView } from '../views/corrections';

export function timesheetAddCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const userId = targetOf(scope);
    const reason = reasonOf(scope);
    const now = deps.clock.now();
    const { categories, names } = await loadCategories(deps, scope.guildId);
    const categoryText = scope.options.string('category') ?? '';
    const found = findCategory(categories, categoryText);
    if (!found || found.archived) refuse(`There's no active category "${categoryText}".`);
    const start = timeOf(parseLocalTime(scope.options.string('start') ?? '', settings.timeZone, now));
    const end = timeOf(parseEnd(scope.options.string('end') ?? '', settings.timeZone, start));
    checkSpan(start, end, now, settings);
    const note = scope.options.string('note')?.trim();
    const draftId = scope.interaction.id;
    const draft: Draft = {
      kind: 'add',
      guildId: scope.guildId,
      userId,
      actor: scope.userId,
      reason,
      category: found.key,
      start,
      end,
      ...(note ? { description: note } : {}),
    };
    await deps.storage.saveDraft(scope.guildId, draftId, draft);
    const ids = deps.ids.correction(scope.guildId, draftId);
    return respond.ephemeral(
      previewView({
        kind: 'add',
        userId,
        before: null,
        after: { start, end, category: found.key, durationMs: end - start },
        ...(note ? { note } : {}),
        reason,
        names,
        confirmId: ids.confirm,
        cancelId: ids.cancel,
      }),
    );
  };
}
