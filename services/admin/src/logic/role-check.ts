import type { API } from '@discordjs/core/http-only';
import { PermissionFlagsBits, type APIRole } from 'discord-api-types/v10';
import type { Logger } from 'pino';
import { roleMention } from '../views/text';

/** A role picked in an option, as far as the interaction tells us. */
export interface PickedRole {
  readonly id: string;
  readonly name?: string | undefined;
  readonly managed?: boolean | undefined;
}

/** Roles Timekeeper must never hand out: @everyone (its id is the guild's) and integration-managed roles. Pure. */
export function unusableRoleReason(guildId: string, role: PickedRole): string | null {
  if (role.id === guildId) return "@everyone can't be a clock-in role: everybody has it all the time.";
  if (role.managed) {
    return `${roleMention(role.id)} is managed by an integration (a bot's own role or the booster role), so Discord won't let Timekeeper give it. Pick a normal role.`;
  }
  return null;
}

/** Whether the bot's highest role sits above `targetId` (Discord only lets a bot give roles below its own). Pure. */
export function botOutranks(
  roles: readonly Pick<APIRole, 'id' | 'position'>[],
  botRoleIds: readonly string[],
  targetId: string,
): boolean | null {
  const target = roles.find((r) => r.id === targetId);
  if (!target) return null;
  const botTop = Math.max(0, ...roles.filter((r) => botRoleIds.includes(r.id)).map((r) => r.position));
  return botTop > target.position;
}

export function hasManageRoles(appPermissions: string | undefined): boolean | null {
  if (appPermissions === undefined || !/^\d+$/.test(appPermissions)) return null;
  const bits = BigInt(appPermissions);
  return (bits & (PermissionFlagsBits.ManageRoles | PermissionFlagsBits.Administrator)) !== 0n;
}

const CHECK_TIMEOUT_MS = 1_200;
let botUserId: Promise<string> | undefined;

/**
 * Warnings about giving `roleId`: missing Manage Roles, or the role above Timekeeper's own. The role
 * list is read from Discord within a short budget; if that fails, the change is still saved and the
 * reply says the check was skipped.
 */
export async function roleWarnings(
  discord: API | undefined,
  logger: Logger,
  guildId: string,
  roleId: string,
  appPermissions: string | undefined,
): Promise<string[]> {
  const warnings: string[] = [];
  if (hasManageRoles(appPermissions) === false) {
    warnings.push('⚠️ Timekeeper lacks the **Manage Roles** permission, so it cannot give this role yet.');
  }
  if (!discord) {
    warnings.push(
      "ℹ️ Couldn't check the role order (Discord isn't reachable from this service), so it was saved as is.",
    );
    return warnings;
  }
  const signal = AbortSignal.timeout(CHECK_TIMEOUT_MS);
  try {
    botUserId ??= discord.users.getCurrent({ signal }).then((user) => user.id);
    const botId = await botUserId.catch((error: unknown) => {
      botUserId = undefined;
      throw error;
    });
    const [roles, member] = await Promise.all([
      discord.guilds.getRoles(guildId, { signal }),
      discord.guilds.getMember(guildId, botId, { signal }),
    ]);
    if (botOutranks(roles, member.roles, roleId) === false) {
      warnings.push(
        `⚠️ ${roleMention(roleId)} is above Timekeeper's own role, so Discord won't let it give the role. ` +
          'Move the Timekeeper role above it in Server Settings → Roles.',
      );
    }
  } catch (error) {
    logger.info({ err: error, guildId }, 'role order check skipped');
    warnings.push("ℹ️ Couldn't read the server's roles to check their order, so it was saved as is.");
  }
  return warnings;
}
