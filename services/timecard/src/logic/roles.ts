/** Which clock-in roles a member should hold, and what changes when a session starts, ends or switches. */
import type { RoleSettings } from '@timekeeper/storage';

/** The roles that apply while clocked into `category`: the guild-wide role and the category's role. */
export function rolesFor(roles: RoleSettings, category: string): string[] {
  const set = new Set<string>();
  if (roles.guildRoleId) set.add(roles.guildRoleId);
  const categoryRole = roles.categoryRoleIds[category];
  if (categoryRole) set.add(categoryRole);
  return [...set];
}

export interface RoleDelta {
  readonly add: readonly string[];
  readonly remove: readonly string[];
}

/** Moving from `from` (null: not clocked in) to `to` (null: clocked out). A role held by both stays. */
export function roleDelta(roles: RoleSettings, from: string | null, to: string | null): RoleDelta {
  const before = from === null ? [] : rolesFor(roles, from);
  const after = to === null ? [] : rolesFor(roles, to);
  return {
    add: after.filter((r) => !before.includes(r)),
    remove: before.filter((r) => !after.includes(r)),
  };
}
