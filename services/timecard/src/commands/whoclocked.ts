/** `/whoclocked`: who is clocked in now, longest first, ten per page. */
import { respond, type InteractionScope, readValue } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, type TimecardDeps } from '../deps';
import type { MessageBody } from '../views/components';
import { whoClockedView } from '../views/whoclocked';

export async function whoClockedPage(
  deps: TimecardDeps,
  guildId: string,
  page: number,
): Promise<MessageBody> {
  const [{ names }, sessions] = await Promise.all([
    loadCategories(deps, guildId),
    deps.storage.activeSessions(guildId).then(readValue),
  ]);
  return whoClockedView({ names, sessions, page, pageId: (n) => deps.ids.whoPage(guildId, n) });
}

/** Also answers the dashboards' "Who's clocked in" button. */
export function whoclockedCommand(deps: TimecardDeps) {
  return async (scope: InteractionScope): Promise<APIInteractionResponse> =>
    respond.ephemeral(await whoClockedPage(deps, scope.guildId, 0));
}
