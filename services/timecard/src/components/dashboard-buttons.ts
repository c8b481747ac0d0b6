/**
 * The four dashboard buttons (shared and personal). Their custom_ids carry only the guild: they act for
 * whoever clicks, so a shared dashboard works for everyone, and a click from another server is refused.
 */
import { respond, type ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { statusCommand } from '../commands/status';
import { whoclockedCommand } from '../commands/whoclocked';
import { loadCategories, requireSameGuild, type TimecardDeps } from '../deps';
import { clockOutFlow } from '../flows/clock';
import { NO_CATEGORIES } from '../views/clock';
import { categoryMenuView } from '../views/dashboard';

export function dashboardClockInButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    requireSameGuild(scope, scope.customId.args[0]);
    const { categories, names } = await loadCategories(deps, scope.guildId);
    const active = categories
      .filter((c) => !c.archived)
      .sort((a, b) => a.displayName.localeCompare(b.displayName));
    if (active.length === 0) return respond.ephemeral(NO_CATEGORIES);
    return respond.ephemeral(
      categoryMenuView({
        names,
        categories: active,
        customId: deps.ids.pickCategory(scope.guildId, scope.userId),
      }),
    );
  };
}

export function dashboardClockOutButton(deps: TimecardDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    requireSameGuild(scope, scope.customId.args[0]);
    return respond.ephemeral(await clockOutFlow(deps, scope));
  };
}

export function dashboardStatsButton(deps: TimecardDeps) {
  const status = statusCommand(deps);
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    requireSameGuild(scope, scope.customId.args[0]);
    return status(scope);
  };
}

export function dashboardWhoButton(deps: TimecardDeps) {
  const who = whoclockedCommand(deps);
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    requireSameGuild(scope, scope.customId.args[0]);
    return who(scope);
  };
}
