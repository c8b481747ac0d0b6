import { PermissionFlagsBits, type APIInteractionGuildMember } from 'discord-api-types/v10';

/**
 * Whether a member may use manager features: Administrator, Manage Server, or one of the guild's
 * configured manager roles. Discord hides admin commands by default_member_permissions, but server
 * owners can override that, so every service checks again on its side.
 */
export function isManager(
  member: Pick<APIInteractionGuildMember, 'permissions' | 'roles'>,
  managerRoleIds: readonly string[] = [],
): boolean {
  const permissions = parsePermissions(member.permissions);
  if ((permissions & PermissionFlagsBits.Administrator) !== 0n) return true;
  if ((permissions & PermissionFlagsBits.ManageGuild) !== 0n) return true;
  return member.roles.some((role) => managerRoleIds.includes(role));
}

function parsePermissions(raw: string | undefined): bigint {
  if (raw === undefined || !/^\d+$/.test(raw)) return 0n;
  return BigInt(raw);
}
