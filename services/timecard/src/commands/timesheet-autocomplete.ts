/** Autocomplete of `/timesheet` and `/request`: recent sessions (`session`) and categories (`category`). */
import { DISCORD_LIMITS } from '@timekeeper/contracts';
import { respond, type AutocompleteScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { DateTime } from 'luxon';
import { isManager } from '@timekeeper/service-kit';
import type { TimecardDeps } from '../deps';
import { rankForAutocomplete } from '../logic/categories';
import { truncate } from '../logic/format';
import { formatDuration } from '@timekeeper/contracts';

/** How far back the session list reaches. */
const SESSION_LOOKBACK_MS = 62 * 86_400_000;

export function timesheetAutocomplete(deps: TimecardDeps) {
  return async (scope: AutocompleteScope): Promise<APIInteractionResponse> => {
    const focused = scope.options.focused();
    const typed = (focused?.value ?? '').toLowerCase();
    // Autocomplete only offers choices: on any failure, offer none (the command itself refuses).
    const [settings, categories] = await Promise.all([
      deps.storage.getSettings(scope.guildId),
      deps.storage.listCategories(scope.guildId, true),
    ]);
    if (!settings.ok || !categories.ok) return respond.autocomplete([]);
    if (focused?.name === 'category') {
      const active = categories.value.filter((c) => !c.archived);
      return respond.autocomplete(
        rankForAutocomplete(active, typed, DISCORD_LIMITS.autocompleteChoices).map((c) => ({
          name: truncate(c.displayName, 100),
          value: c.key,
        })),
      );
    }
    // `/request` lists the member's own sessions; `/timesheet` the chosen member's, for managers only.
    const own = scope.interaction.data.name === 'request';
    const userId = own ? scope.userId : scope.options.snowflake('user');
    if (!userId || (!own && !isManager(scope.member, settings.value.managerRoleIds))) {
      return respond.autocomplete([]);
    }
    const now = deps.clock.now();
    const read = await deps.storage.sessionsInRange(scope.guildId, {
      userId,
      from: now - SESSION_LOOKBACK_MS,
      to: now + 1,
    });
    if (!read.ok) return respond.autocomplete([]);
    const names = new Map(categories.value.map((c) => [c.key, c.displayName]));
    const zone = settings.value.timeZone;
    const choices = [...read.value.sessions]
      .reverse()
      .map((s) => {
        const from = DateTime.fromMillis(s.start, { zone });
        const to = DateTime.fromMillis(s.end, { zone });
        const flag = s.flags.needsReview ? ' ⚑' : '';
        const label = `${from.toFormat('ccc d LLL HH:mm')}–${to.toFormat('HH:mm')} · ${names.get(s.category) ?? s.category} · ${formatDuration(s.durationMs)}${flag}`;
        return { name: truncate(label, 100), value: s.id };
      })
      .filter((c) => typed === '' || c.name.toLowerCase().includes(typed))
      .slice(0, DISCORD_LIMITS.autocompleteChoices);
    return respond.autocomplete(choices);
  };
}
