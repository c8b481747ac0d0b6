/**
 * `/request reason [session] [start] [end] [category]`: a member asks for a correction of one of their
 * own sessions, or for a missing one. It is kept as a pending request (14 days) and posted in the
 * server's review channel with Approve / Deny; nothing changes until a manager approves it.
 */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { SessionChanges } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import type { Draft } from '../flows/corrections';
import { checkSpan, reasonOf, refuse, sessionOf, timeOf } from '../flows/timesheet-input';
import { findCategory } from '../logic/categories';
import { parseEnd, parseLocalTime } from '../logic/timesheet';
import { NO_REVIEW_CHANNEL, postRequest, requestSentText } from '../flows/requests';

export function requestCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = readValue(await deps.storage.getSettings(scope.guildId));
    const channelId = settings.reviewChannelId;
    if (!channelId) {
      refuse(NO_REVIEW_CHANNEL);
    }
    const reason = reasonOf(scope);
    const now = deps.clock.now();
    const zone = settings.timeZone;
    const { categories, names } = await loadCategories(deps, scope.guildId);
    const categoryText = scope.options.string('category');
    const category = categoryText ? findCategory(categories, categoryText) : undefined;
    if (categoryText && (!category || category.archived))
      refuse(`There's no active category "${categoryText}".`);
    const startText = scope.options.string('start');
    const endText = scope.options.string('end');
    const base = { guildId: scope.guildId, userId: scope.userId, actor: scope.userId, reason };
    let draft: Draft;
    let before = null;
    if (scope.options.has('session')) {
      before = await sessionOf(deps, scope, scope.userId);
      const start = startText ? timeOf(parseLocalTime(startText, zone, before.start)) : before.start;
      const end = endText ? timeOf(parseEnd(endText, zone, start)) : before.end;
      const changes: SessionChanges = {
        ...(start === before.start ? {} : { start }),
        ...(end === before.end ? {} : { end }),
        ...(category && category.key !== before.category ? { category: category.key } : {}),
      };
      if (Object.keys(changes).length === 0) refuse('Say what should change: a new start, end or category.');
      checkSpan(start, end, now, settings, before.durationMs);
      draft = { ...base, kind: 'edit', sessionId: before.id, changes };
    } else {
      if (!category || !startText || !endText) {
        refuse(
          'For a missing session give its category, start and end (or pick one of your sessions to correct).',
        );
      }
      const start = timeOf(parseLocalTime(startText, zone, now));
      const end = timeOf(parseEnd(endText, zone, start));
      checkSpan(start, end, now, settings);
      draft = { ...base, kind: 'add', category: category.key, start, end };
    }
    await postRequest(deps, scope.logger, {
      requestId: scope.interaction.id,
      channelId,
      draft,
      before,
      names,
    });
    return respond.ephemeral(requestSentText(channelId));
  };
}
