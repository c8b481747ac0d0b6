/**
 * `/timesheet rate amount [user] [role] [category]`: sets (or with `none` removes) the hourly rate of
 * exactly one member, role or category. A member's rate wins over a category's, a category's over a
 * role's (contracts' `resolveRate`).
 */
import { currencyDigits, formatMoney, parseRate, type RateScope } from '@timekeeper/contracts';
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { saveSettings } from '../flows/settings';
import { refuse } from '../flows/timesheet-input';
import { findCategory } from '../logic/categories';
import { rateScopeName } from '../views/pay';

export function timesheetRateCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const userId = scope.options.snowflake('user');
    const roleId = scope.options.snowflake('role');
    const categoryText = scope.options.string('category');
    const chosen = [userId, roleId, categoryText].filter((v) => v !== undefined).length;
    if (chosen !== 1) refuse('Choose exactly one of `user`, `role` or `category` for the rate.');
    const { categories, names } = await loadCategories(deps, scope.guildId);
    let rateScope: RateScope;
    if (userId) rateScope = `member:${userId}`;
    else if (roleId) rateScope = `role:${roleId}`;
    else {
      const category = findCategory(categories, categoryText ?? '');
      if (!category)
        refuse(`There is no category "${(categoryText ?? '').slice(0, 50)}". Pick one from the list.`);
      rateScope = `category:${category.key}`;
    }
    const amount = (scope.options.string('amount') ?? '').trim();
    const who = rateScopeName(rateScope, names);
    if (amount.toLowerCase() === 'none') {
      if (settings.payRates[rateScope] === undefined) refuse(`${who} has no rate.`);
      await saveSettings(deps, scope, { payRates: { [rateScope]: null } });
      return respond.ephemeral(`Removed the hourly rate of ${who}.`);
    }
    if (!settings.payCurrency) refuse('Set the currency first with `/timesheet currency`, e.g. `EUR`.');
    const parsed = parseRate(amount, currencyDigits(settings.payCurrency) ?? 2);
    if (!parsed.ok) refuse(parsed.message);
    await saveSettings(deps, scope, { payRates: { [rateScope]: parsed.minor } });
    return respond.ephemeral(
      `💰 ${who}: **${formatMoney(parsed.minor, settings.payCurrency)}** an hour. Precedence: a member's own rate, then the category's, then the highest of the member's roles.`,
    );
  };
}
