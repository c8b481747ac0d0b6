import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, respond } from '@timekeeper/service-kit';
import { requireManager } from '../flows/access';
import { allCategories, render } from '../commands/categories-list';
import type { ComponentHandler } from '../commands/shared';
import type { AdminDeps } from '../deps';
import { parsePageButtonArgs } from '../views/category-list';

/**
 * ◀ ▶ on the list. The custom_id carries the guild, so a button taken to another server reads
 * nothing there; and the clicker's permission is checked again on every click.
 */
export function categoriesListPage(deps: AdminDeps): ComponentHandler {
  return async (scope) => {
    const target = parsePageButtonArgs(scope.customId.args);
    if (!target) throw new InteractionError(ErrorCode.EXPIRED_COMPONENT);
    if (target.guildId !== scope.guildId) {
      throw new InteractionError(
        ErrorCode.FORBIDDEN,
        'This button belongs to another server. Run `/admin categories list` here.',
      );
    }
    await requireManager(deps, scope);
    const categories = await allCategories(deps, scope.guildId);
    return respond.update(render(deps, categories, target));
  };
}
