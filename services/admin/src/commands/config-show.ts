import { respond } from '@timekeeper/service-kit';
import { readSettings, requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { settingsView } from '../views/settings';
import type { CommandHandler } from './shared';

/** `/config show` */
export function configShow(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const settings = await readSettings(deps, scope.guildId);
    const categories = await deps.storage.listCategories(scope.guildId, true);
    return respond.ephemeral({
      embeds: [settingsView(settings, categories.ok ? categories.value : [], deps.clock.now())],
    });
  };
}
