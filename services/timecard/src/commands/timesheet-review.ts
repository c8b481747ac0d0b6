/** `/timesheet review`: sessions flagged for review, with Accept / Adjust end / Delete for each. */
import { respond, type CommandScope, type InteractionScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import type { MessageBody } from '../views/components';
import { reviewView } from '../views/timesheet';

/** Five sessions: one button row each (Discord allows five rows). */
const REVIEW_PAGE = 5;

export async function reviewPage(deps: TimecardDeps, scope: InteractionScope): Promise<MessageBody> {
  const [queue, { names }] = await Promise.all([
    deps.storage.reviewQueue(scope.guildId, 0, REVIEW_PAGE),
    loadCategories(deps, scope.guildId),
  ]);
  const { sessions, total } = readValue(queue);
  return reviewView({ sessions, total, names, ids: (id) => deps.ids.review(scope.guildId, id) });
}

export function timesheetReviewCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    await requireManager(deps, scope);
    return respond.ephemeral(await reviewPage(deps, scope));
  };
}
