/** `/timesheet edit user session reason [start] [end] [category] [note]`: previews a correction. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { SessionChanges } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import type { Draft } from '../flows/corrections';
import { checkSpan, reasonOf, refuse, sessionOf, targetOf, timeOf } from '../flows/timesheet-input';
import { findCategory } from '../logic/categories';
import { parseEnd, parseLocalTime } from '../logic/timesheet';
import { previewView } from '../views/corrections';

export function timesheetEditCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const userId = targetOf(scope);
    const reason = reasonOf(scope);
    const before = await sessionOf(deps, scope, userId);
    const { categories, names } = await loadCategories(deps, scope.guildId);
    const zone = settings.timeZone;
    const startText = scope.options.string('start');
    const endText = scope.options.string('end');
    const categoryText = scope.options.string('category');
    const noteText = scope.options.string('note')?.trim();
    const start = startText ? timeOf(parseLocalTime(startText, zone, before.start)) : before.start;
    const end = endText ? timeOf(parseEnd(endText, zone, start)) : before.end;
    let category = before.category;
    if (categoryText) {
      const found = findCategory(categories, categoryText);
      if (!found || found.archived) refuse(`There's no active category "${categoryText}".`);
      category = found.key;
    }
    const changes: SessionChanges = {
      ...(start === before.start ? {} : { start }),
      ...(end === before.end ? {} : { end }),
      ...(category === before.category ? {} : { category }),
      ...(noteText === undefined
        ? {}
        : { description: noteText === '-' || noteText === '' ? null : noteText }),
    };
    if (Object.keys(changes).length === 0)
      refuse('Give a new start, end, category or note: this changes nothing.');
    checkSpan(start, end, deps.clock.now(), settings, before.durationMs);
    const draftId = scope.interaction.id;
    const draft: Draft = {
      kind: 'edit',
      guildId: scope.guildId,
      userId,
      actor: scope.userId,
      reason,
      sessionId: before.id,
      changes,
    };
    await deps.storage.saveDraft(scope.guildId, draftId, draft);
    const ids = deps.ids.correction(scope.guildId, draftId);
    return respond.ephemeral(
      previewView({
        kind: 'edit',
        userId,
        before,
        after: { start, end, category, durationMs: end - start },
        ...(changes.description === undefined ? {} : { note: changes.description }),
        reason,
        names,
        confirmId: ids.confirm,
        cancelId: ids.cancel,
      }),
    );
  };
}
