import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { GuildRecord, MemberRecord } from './state';

/** Every permission bit Discord defines; what an administrator or the owner effectively has. */
export const ALL_PERMISSIONS = Object.values(PermissionFlagsBits).reduce((all, bit) => all | bit, 0n);

/** A member's guild-level permissions, computed the way Discord does (no channel overwrites). */
export function memberPermissions(guild: GuildRecord, member: MemberRecord): bigint {
  if (guild.ownerId === member.userId || member.admin) return ALL_PERMISSIONS;
  let bits = (guild.roles.get(guild.id)?.permissions ?? 0n) | member.extraPermissions;
  for (const roleId of member.roles) bits |= guild.roles.get(roleId)?.permissions ?? 0n;
  return (bits & PermissionFlagsBits.Administrator) !== 0n ? ALL_PERMISSIONS : bits;
}

/** Position of the member's highest role (@everyone is 0), which bounds the roles it may manage. */
export function highestRolePosition(guild: GuildRecord, member: MemberRecord): number {
  let highest = 0;
  for (const roleId of member.roles) highest = Math.max(highest, guild.roles.get(roleId)?.position ?? 0);
  return highest;
}
