import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, respond } from '@timekeeper/service-kit';
import type { Category } from '@timekeeper/storage';
import { UNAVAILABLE_MESSAGE, requireManager } from '../access';
import {
  LIST_PAGE_ACTION,
  categoryListView,
  parsePageButtonArgs,
  type ListRequest,
  type ListView,
} from '../categories/list-view';
import type { AdminDeps } from '../deps';
import type { CommandHandler, ComponentHandler } from './shared';

async function allCategories(deps: AdminDeps, guildId: string): Promise<Category[]> {
  const result = await deps.storage.listCategories(guildId, true);
  if (result.ok) return result.value;
  if (result.code === 'UNAVAILABLE') throw new InteractionError(ErrorCode.UNAVAILABLE, UNAVAILABLE_MESSAGE);
  throw new InteractionError(ErrorCode.INVALID_INPUT);
}

function render(deps: AdminDeps, categories: readonly Category[], request: ListRequest): ListView {
  return categoryListView(categories, request, (args) =>
    deps.codec.encode({ service: 'admin', action: LIST_PAGE_ACTION, args }),
  );
}

/** `/admin categories list [archived]`: an ephemeral, paged embed. */
export function categoriesList(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const archived = scope.options.boolean('archived') ?? false;
    const categories = await allCategories(deps, scope.guildId);
    return respond.ephemeral(render(deps, categories, { guildId: scope.guildId, archived, page: 0 }));
  };
}

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
