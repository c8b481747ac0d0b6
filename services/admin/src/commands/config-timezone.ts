import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, respond, type AutocompleteScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { mayManage, requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { plain } from '../views/text';
import { canonicalZone, utcOffset, ZONE_ABBREVIATIONS, zoneChoices } from '../logic/timezones';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

/** `/config timezone zone` */
export function configTimezone(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const raw = scope.options.string('zone') ?? '';
    const zone = canonicalZone(raw);
    if (!zone) {
      const close = zoneChoices(raw.split('/').pop() ?? raw, deps.clock.now())
        .slice(0, 3)
        .map((c) => `\`${c.value}\``);
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        `"${plain(raw.trim())}" isn't a time zone I know. Pick one from the list` +
          (close.length > 0
            ? `, e.g. ${close.join(', ')}.`
            : ', e.g. `Europe/Berlin` or `America/New_York`.'),
      );
    }
    const committed = await saveSettings(deps, scope, { timeZone: zone });
    // An abbreviation was read as a region: say which, so "EST" never silently means something else.
    const read = ZONE_ABBREVIATIONS[raw.trim().toUpperCase()]
      ? ` ("${plain(raw.trim())}" read as ${zone})`
      : '';
    return confirm(
      committed,
      `🕒 Time zone set to **${zone}**${read} (${utcOffset(zone, deps.clock.now())} now). Days, weeks and months now follow it.`,
    );
  };
}

/** Autocomplete for `zone`: common zones first, then matches of what was typed, with their offset. */
export function timezoneAutocomplete(
  deps: AdminDeps,
  scope: AutocompleteScope,
  typed: string,
): Promise<APIInteractionResponse> {
  return mayManage(deps, scope).then((allowed) =>
    respond.autocomplete(allowed ? zoneChoices(typed, deps.clock.now()) : []),
  );
}
