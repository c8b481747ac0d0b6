/** Autocomplete of `/clockin category`: the guild's active categories matching what is typed. */
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import { respond, type AutocompleteScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import type { TimecardDeps } from '../deps';
import { rankForAutocomplete } from '../logic/categories';
import { truncate } from '../logic/format';

export function clockinAutocomplete(deps: TimecardDeps) {
  return async (scope: AutocompleteScope): Promise<APIInteractionResponse> => {
    const typed = scope.options.focused()?.value ?? '';
    const read = await deps.storage.listCategories(scope.guildId);
    // Autocomplete can only offer choices: when storage cannot answer, offer none (never an error).
    if (!read.ok) return respond.autocomplete([]);
    const choices = rankForAutocomplete(read.value, typed, DISCORD_LIMITS.autocompleteChoices).map((c) => ({
      name: truncate(c.displayName, 100),
      value: c.key,
    }));
    return respond.autocomplete(choices);
  };
}
