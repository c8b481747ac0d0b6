import { PermissionFlagsBits } from 'discord-api-types/v10';
import { ErrorCode } from '@timekeeper/contracts';
import { InteractionError, isManager, readValue, type InteractionScope } from '@timekeeper/service-kit';
import type { GuildSettings } from '@timekeeper/storage';
import type { AdminDeps } from '../deps';

export const FORBIDDEN_MESSAGE =
  'You need **Manage Server** or a manager role to use this. A server admin can add manager roles with `/config manager-role add`.';

/** Reads the guild's settings; a storage outage with nothing cached becomes a friendly refusal. */
export async function readSettings(deps: AdminDeps, guildId: string): Promise<GuildSettings> {
  return readValue(await deps.storage.getSettings(guildId));
}

function hasServerPermission(permissions: string | undefined): boolean {
  if (permissions === undefined || !/^\d+$/.test(permissions)) return false;
  const bits = BigInt(permissions);
  return (bits & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !== 0n;
}

/**
 * The gate in front of every admin command, subcommand and button: Administrator, Manage Server, or
 * one of the guild's manager roles. Discord's default permissions can be re-mapped by server owners,
 * so this runs on our side every time. Once allowed, the guild gets its default categories (once).
 */
export async function requireManager(
  deps: AdminDeps,
  scope: InteractionScope,
): Promise<GuildSettings | null> {
  let settings: GuildSettings | null = null;
  if (!hasServerPermission(scope.member.permissions)) {
    settings = await readSettings(deps, scope.guildId);
    if (!isManager(scope.member, settings.managerRoleIds)) {
      throw new InteractionError(ErrorCode.FORBIDDEN, FORBIDDEN_MESSAGE);
    }
  }
  await deps.defaults.ensure(scope.guildId, scope.userId, deps.clock.now());
  return settings;
}

/** Like `requireManager`, for autocomplete: answers false instead of throwing. */
export async function mayManage(deps: AdminDeps, scope: InteractionScope): Promise<boolean> {
  try {
    await requireManager(deps, scope);
    return true;
  } catch {
    return false;
  }
}
