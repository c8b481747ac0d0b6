import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError } from '@timekeeper/service-kit';
import { readSettings, requireManager } from '../flows/access';
import type { AdminDeps } from '../deps';
import { roleMention } from '../views/text';
import { pickedRole } from './config-role';
import { saveSettings } from './settings-write';
import { confirm, type CommandHandler } from './shared';

/** Enough for any real server, and it keeps `/config show` readable. */
export const MAX_MANAGER_ROLES = 25;

/** `/config manager-role add role` */
export function configManagerRoleAdd(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const role = pickedRole(scope);
    if (!role) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Pick a role.');
    if (role.id === scope.guildId) {
      throw new InteractionError(
        ErrorCode.INVALID_INPUT,
        "@everyone can't be a manager role: every member would be able to change settings and see everyone's time.",
      );
    }
    const current = (await readSettings(deps, scope.guildId)).managerRoleIds;
    if (current.includes(role.id)) {
      throw new InteractionError(ErrorCode.CONFLICT, `${roleMention(role.id)} is already a manager role.`);
    }
    if (current.length >= MAX_MANAGER_ROLES) {
      throw new InteractionError(
        ErrorCode.CONFLICT,
        `There are already ${MAX_MANAGER_ROLES} manager roles — remove one first.`,
      );
    }
    const committed = await saveSettings(deps, scope, { managerRoleIds: [...current, role.id] });
    return confirm(
      committed,
      `🛡️ ${roleMention(role.id)} is now a manager role: its members can use \`/admin\`, \`/config\`, \`/activitylog\`, see others' time and force clock-outs.`,
    );
  };
}

/** `/config manager-role remove role` */
export function configManagerRoleRemove(deps: AdminDeps): CommandHandler {
  return async (scope) => {
    await requireManager(deps, scope);
    const role = pickedRole(scope);
    if (!role) throw new InteractionError(ErrorCode.INVALID_INPUT, 'Pick a role.');
    const current = (await readSettings(deps, scope.guildId)).managerRoleIds;
    if (!current.includes(role.id)) {
      throw new InteractionError(ErrorCode.NOT_FOUND, `${roleMention(role.id)} isn't a manager role.`);
    }
    const committed = await saveSettings(deps, scope, {
      managerRoleIds: current.filter((id) => id !== role.id),
    });
    return confirm(
      committed,
      `🛡️ ${roleMention(role.id)} is no longer a manager role. Members with Manage Server keep their access.`,
    );
  };
}
