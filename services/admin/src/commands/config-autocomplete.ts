import { respond, type AutocompleteScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { mayManage } from '../flows/access';
import type { AdminDeps } from '../deps';
import { suggest, type Choice } from '../logic/suggest';
import { truncate } from '../views/text';
import { timezoneAutocomplete } from './config-timezone';

/**
 * `/config` autocomplete: time zones for `timezone zone`; active categories for `role set category`;
 * categories that have a role for `role clear category`.
 */
export function configAutocomplete(
  deps: AdminDeps,
): (scope: AutocompleteScope) => Promise<APIInteractionResponse> {
  return async (scope) => {
    const focused = scope.options.focused();
    if (!focused) return respond.autocomplete([]);
    if (focused.name === 'zone') return timezoneAutocomplete(deps, scope, focused.value);
    if (focused.name !== 'category' || !(await mayManage(deps, scope))) return respond.autocomplete([]);
    const clearing = scope.options.subcommand === 'role clear';
    const categories = await deps.storage.listCategories(scope.guildId, clearing);
    if (!categories.ok) return respond.autocomplete([]);
    let pool: Choice[] = categories.value.map((c) => ({ name: truncate(c.displayName, 100), value: c.key }));
    if (clearing) {
      const settings = await deps.storage.getSettings(scope.guildId);
      const withRole = new Set(settings.ok ? Object.keys(settings.value.roles.categoryRoleIds) : []);
      pool = pool.filter((choice) => withRole.has(choice.value));
    }
    return respond.autocomplete(suggest(pool, focused.value));
  };
}
