/** Reads what a shared dashboard shows and renders it. */
import { readValue } from '@timekeeper/service-kit';
import { loadCategories, type TimecardDeps } from '../deps';
import type { MessageBody } from '../views/components';
import { sharedDashboardView } from '../views/dashboard';

export async function renderSharedDashboard(
  deps: Pick<TimecardDeps, 'storage' | 'ids' | 'clock'>,
  guildId: string,
): Promise<MessageBody> {
  const [{ names }, sessions] = await Promise.all([
    loadCategories(deps, guildId),
    deps.storage.activeSessions(guildId).then(readValue),
  ]);
  return sharedDashboardView({ names, sessions, now: deps.clock.now(), ids: deps.ids.dashboard(guildId) });
}
