import { readValue, respond } from '@timekeeper/service-kit';
import type { Category } from '@timekeeper/storage';
import { requireManager } from '../flows/access';
import { LIST_PAGE_ACTION, categoryListView, type ListRequest, type ListView } from '../views/category-list';
import type { AdminDeps } from '../deps';
import type { CommandHandler } from './shared';

/** Every category of the guild, archived too; a storage outage is refused. */
export async function allCategories(deps: AdminDeps, guildId: string): Promise<Category[]> {
  return readValue(await deps.storage.listCategories(guildId, true));
}

/** The list page for `request`, its ◀ ▶ ids signed with the service's codec. */
export function render(deps: AdminDeps, categories: readonly Category[], request: ListRequest): ListView {
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
