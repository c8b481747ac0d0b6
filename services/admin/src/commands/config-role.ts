import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, readValue, type CommandScope } from '@timekeeper/service-kit';
import { normaliseCategory, type RoleSettings } from '@timekeeper/storage';
import { readSettings, requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { plain, roleMention } from '../views/text';
import { roleWarnings, unusableRoleReason, type PickedRole } from '../logic/role-check';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

export function pickedRole(scope: CommandScope, option = 'role'): PickedRole | undefined {
  const id = scope.options.snowflake(option);
  if (!id) return undefined;
  const resolved = scope.interaction.data.resolved;
  const role = resolved && 'roles' in resolved ? resolved.roles?.[id] : undefined;
  return { id, name: role?.name, managed: role?.managed };
}

/** The active category named by the `category` option, with its display name; refuses unknown ones. */
async function activeCategory(
  deps: AdminDeps,
  guildId: string,
  raw: string,
): Promise<{ key: string; name: string }> {
  const key = normaliseCategory(raw);
  const categories = readValue(await deps.storage.listCategories(guildId, false));
  const found = categories.find((c) => c.key === key);
  if (!found) {
    throw new InteractionError(
      ErrorCode.NOT_FOUND,
      `There's no active category named "${plain(raw.trim())}". See them with \`/admin categories list\`.`,
    );
  }
  return { key, name: found.displayName };
}

/** `/config role set role [category]` */
export function configRoleSet(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const role = pickedRole(scope);
    if (!role) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Pick a role.');
    const unusable = unusableRoleReason(scope.guildId, role);
    if (unusable) throw new InteractionError(ErrorCode.INVALID_INPUT, unusable);
    const categoryRaw = scope.options.string('category');
    const category =
      categoryRaw === undefined ? undefined : await activeCategory(deps, scope.guildId, categoryRaw);
    const warnings = await roleWarnings(
      deps.discord,
      scope.logger,
      scope.guildId,
      role.id,
      scope.interaction.app_permissions,
    );
    const current = (await readSettings(deps, scope.guildId)).roles;
    const roles: RoleSettings = category
      ? { ...current, categoryRoleIds: { ...current.categoryRoleIds, [category.key]: role.id } }
      : { ...current, guildRoleId: role.id };
    const committed = await saveSettings(deps, scope, { roles });
    const done = category
      ? `🎭 Members clocked in to **${plain(category.name)}** now wear ${roleMention(role.id)}.`
      : `🎭 Members now wear ${roleMention(role.id)} while clocked in (categories with their own role use that one instead).`;
    return confirm(committed, [done, ...warnings].join('\n'));
  };
}

/** `/config role clear [category]` */
export function configRoleClear(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const current = (await readSettings(deps, scope.guildId)).roles;
    const categoryRaw = scope.options.string('category');
    let roles: RoleSettings;
    let done: string;
    if (categoryRaw === undefined) {
      if (current.guildRoleId === null) {
        throw new InteractionError(ErrorCode.NOT_FOUND, 'There is no general clock-in role to clear.');
      }
      roles = { ...current, guildRoleId: null };
      done = `🎭 Members no longer get ${roleMention(current.guildRoleId)} when they clock in.`;
    } else {
      const key = normaliseCategory(categoryRaw);
      const roleId = current.categoryRoleIds[key];
      if (roleId === undefined) {
        throw new InteractionError(
          ErrorCode.NOT_FOUND,
          `"${plain(categoryRaw.trim())}" has no clock-in role of its own.`,
        );
      }
      const { [key]: _removed, ...rest } = current.categoryRoleIds;
      roles = { ...current, categoryRoleIds: rest };
      done = `🎭 **${plain(key)}** no longer has its own role (${roleMention(roleId)}).`;
    }
    const committed = await saveSettings(deps, scope, { roles });
    return confirm(committed, done);
  };
}
