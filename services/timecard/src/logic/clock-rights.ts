/**
 * Who may clock in: not a suspended member, and only a member holding one of the roles the server
 * (and the category) requires. Pure: the caller reads the suspension and passes the member's roles as
 * Discord sent them with the interaction.
 */
import type { RequiredRoles, Suspension } from '@timekeeper/storage';
import { discordTime, plain } from './format';

const roleList = (ids: readonly string[]): string => ids.map((id) => `<@&${id}>`).join(', ');

export function suspendedText(s: Suspension): string {
  const until = s.until === null ? 'until a manager lifts it' : `until ${discordTime(s.until, 'f')}`;
  return `⛔ You're suspended on this server (${until}), so you can't clock in. Reason: ${plain(s.reason)}`;
}

/** Why this member may not clock into `categoryKey` (null: they may). */
export function clockInRefusal(input: {
  readonly suspension: Suspension | null;
  readonly required: RequiredRoles;
  readonly memberRoles: readonly string[];
  readonly categoryKey: string;
  readonly categoryName: string;
}): string | null {
  if (input.suspension) return suspendedText(input.suspension);
  const holds = (ids: readonly string[]): boolean =>
    ids.length === 0 || ids.some((id) => input.memberRoles.includes(id));
  const server = input.required.guildRoleIds;
  if (!holds(server)) {
    return `🔒 You need ${server.length === 1 ? 'the role' : 'one of the roles'} ${roleList(server)} to clock in on this server. Ask a manager.`;
  }
  const category = input.required.categoryRoleIds[input.categoryKey] ?? [];
  if (!holds(category)) {
    return `🔒 You need ${category.length === 1 ? 'the role' : 'one of the roles'} ${roleList(category)} to clock in to **${plain(input.categoryName)}**. Ask a manager.`;
  }
  return null;
}

export type RequiredRoleAction = 'add' | 'remove' | 'clear';

/** The required roles after `action` on the server's list (`categoryKey` null) or a category's. */
export function changeRequiredRoles(
  current: RequiredRoles,
  action: RequiredRoleAction,
  roleId: string | null,
  categoryKey: string | null,
): { ok: true; value: RequiredRoles; ids: readonly string[] } | { ok: false; message: string } {
  const list = categoryKey === null ? current.guildRoleIds : (current.categoryRoleIds[categoryKey] ?? []);
  let ids: readonly string[];
  if (action === 'clear') ids = [];
  else if (!roleId) return { ok: false, message: 'Choose the role.' };
  else if (action === 'add') {
    if (list.includes(roleId)) return { ok: false, message: `<@&${roleId}> is already required.` };
    ids = [...list, roleId];
  } else {
    if (!list.includes(roleId)) return { ok: false, message: `<@&${roleId}> is not required.` };
    ids = list.filter((id) => id !== roleId);
  }
  if (categoryKey === null) return { ok: true, value: { ...current, guildRoleIds: ids }, ids };
  const categoryRoleIds: Record<string, readonly string[]> = {
    ...current.categoryRoleIds,
    [categoryKey]: ids,
  };
  if (ids.length === 0) delete categoryRoleIds[categoryKey];
  return { ok: true, value: { ...current, categoryRoleIds }, ids };
}
