import { contractEvents, normaliseCategory, type CategoryOutcome } from '@timekeeper/storage';
import { requireManager } from '../flows/access';
import { categoryName } from '../views/category-list';
import type { AdminDeps } from '../deps';
import { categoryRejection } from '../logic/rejections';
import { plain } from '../views/text';
import { commitWrite } from '../flows/writes';
import { confirm, refuse, writeContext, type CommandHandler } from './shared';

/** `/admin categories archive name`: no new clock-ins; every tracked minute is kept. */
export function categoriesArchive(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const name = scope.options.string('name') ?? '';
    const committed = await commitWrite<CategoryOutcome, Extract<CategoryOutcome, { ok: true }>>(
      deps,
      () => deps.storage.archiveCategory(scope.guildId, name, writeContext(deps, scope)),
      (outcome) => refuse(categoryRejection('archive', name, outcome)),
      (outcome) => contractEvents.category(outcome, 'archived'),
    );
    const shown =
      committed.status === 'applied'
        ? categoryName(committed.outcome.category)
        : `**${plain(normaliseCategory(name))}**`;
    return confirm(
      committed,
      `🗄️ Archived ${shown}. Members can't clock into it any more; its tracked time stays in totals, leaderboards and exports. ` +
        'Bring it back with `/admin categories restore`.',
    );
  };
}
