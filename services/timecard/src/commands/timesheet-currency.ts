/** `/timesheet currency code`: the ISO 4217 currency pay is shown in. */
import { currencyDigits } from '@timekeeper/contracts';
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { requireManager, type TimecardDeps } from '../deps';
import { saveSettings } from '../flows/settings';
import { refuse } from '../flows/timesheet-input';

export function timesheetCurrencyCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const code = (scope.options.string('code') ?? '').trim().toUpperCase();
    const digits = currencyDigits(code);
    if (digits === null) {
      refuse(
        `"${code.slice(0, 3)}" isn't a currency code. Use an ISO 4217 code such as EUR, USD, GBP or JPY.`,
      );
    }
    // Rates are stored in minor units: a currency with other minor digits would change every amount.
    const before = settings.payCurrency ? currencyDigits(settings.payCurrency) : null;
    if (before !== null && before !== digits && Object.keys(settings.payRates).length > 0) {
      refuse(
        `${code} has ${digits} decimal places and ${settings.payCurrency} has ${before}: remove the rates first (\`/timesheet rate amount:none\`), then set the currency and the rates again.`,
      );
    }
    await saveSettings(deps, scope, { payCurrency: code });
    return respond.ephemeral(
      `💱 Pay is shown in **${code}** (${digits} decimal place${digits === 1 ? '' : 's'}). Set hourly rates with \`/timesheet rate\`.`,
    );
  };
}
