import { respond, type AutocompleteScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { mayManage } from '../flows/access';
import type { AdminDeps } from '../deps';
import { suggest } from '../logic/suggest';
import { truncate } from '../views/text';

/**
 * Category names for `/admin categories edit|archive` (active ones) and `restore` (archived ones).
 * Members without rights get no suggestions.
 */
export function adminAutocomplete(
  deps: AdminDeps,
): (scope: AutocompleteScope) => Promise<APIInteractionResponse> {
  return async (scope) => {
    const focused = scope.options.focused();
    if (!focused || focused.name !== 'name' || !(await mayManage(deps, scope)))
      return respond.autocomplete([]);
    const wantArchived = scope.options.subcommand === 'categories restore';
    const result = await deps.storage.listCategories(scope.guildId, true);
    if (!result.ok) return respond.autocomplete([]);
    const pool = result.value
      .filter((c) => c.archived === wantArchived)
      .map((c) => ({ name: truncate(c.displayName, 100), value: c.key }));
    return respond.autocomplete(suggest(pool, focused.value));
  };
}
