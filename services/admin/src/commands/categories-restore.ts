import { contractEvents, normaliseCategory, type CategoryOutcome } from '@timekeeper/storage';
import { requireManager } from '../flows/access';
import { categoryName } from '../views/category-list';
import type { AdminDeps } from '../deps';
import { categoryRejection } from '../logic/rejections';
import { plain } from '../views/text';
import { commitWrite } from '../flows/writes';
import { confirm, refuse, writeContext, type CommandHandler } from './shared';

/** `/admin categories restore name`: an archived category accepts clock-ins again. */
export function categoriesRestore(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const name = scope.options.string('name') ?? '';
    const committed = await commitWrite<CategoryOutcome, Extract<CategoryOutcome, { ok: true }>>(
      deps,
      () => deps.storage.restoreCategory(scope.guildId, name, writeContext(deps, scope)),
      (outcome) => refuse(categoryRejection('restore', name, outcome)),
      (outcome) => contractEvents.category(outcome, 'restored'),
    );
    const shown =
      committed.status === 'applied'
        ? categoryName(committed.outcome.category)
        : `**${plain(normaliseCategory(name))}**`;
    return confirm(committed, `♻️ Restored ${shown}. Members can clock into it again.`);
  };
}
