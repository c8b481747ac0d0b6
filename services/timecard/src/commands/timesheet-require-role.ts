/**
 * `/timesheet require-role action [role] [category]`: the roles a member needs to clock in — any one of
 * the server's list, and any one of the category's list (empty lists: no requirement). Checked on every
 * clock-in against the roles Discord sends with the interaction. Not the roles *given* while clocked in
 * (`/config role`).
 */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { saveSettings } from '../flows/settings';
import { refuse } from '../flows/timesheet-input';
import { findCategory } from '../logic/categories';
import { changeRequiredRoles, type RequiredRoleAction } from '../logic/clock-rights';
import { plain } from '../logic/format';

export function timesheetRequireRoleCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = await requireManager(deps, scope);
    const action = (scope.options.string('action') ?? '') as RequiredRoleAction;
    if (!['add', 'remove', 'clear'].includes(action)) refuse('Choose add, remove or clear.');
    const roleId = scope.options.snowflake('role') ?? null;
    const categoryText = scope.options.string('category');
    let categoryKey: string | null = null;
    let where = 'on this server';
    if (categoryText) {
      const { categories } = await loadCategories(deps, scope.guildId);
      const category = findCategory(categories, categoryText);
      if (!category) refuse(`There's no category "${plain(categoryText)}".`);
      categoryKey = category.key;
      where = `for **${plain(category.displayName)}**`;
    }
    const changed = changeRequiredRoles(settings.requiredRoles, action, roleId, categoryKey);
    if (!changed.ok) refuse(changed.message);
    await saveSettings(deps, scope, { requiredRoles: changed.value });
    const roles = changed.ids.map((id) => `<@&${id}>`).join(', ');
    return respond.ephemeral(
      changed.ids.length === 0
        ? `Anyone may clock in ${where} now (no role required).`
        : `To clock in ${where} a member now needs one of: ${roles}.`,
    );
  };
}
