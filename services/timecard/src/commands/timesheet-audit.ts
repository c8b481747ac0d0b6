/** `/timesheet audit [user]`: the audit trail, newest first, ten entries a page. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import { payText, rolesOf } from '../flows/pay';
import type { MessageBody } from '../views/components';
import { auditView } from '../views/timesheet';

export const AUDIT_PAGE_SIZE = 10;

export async function auditPage(
  deps: TimecardDeps,
  guildId: string,
  userId: string | null,
  before: string | null,
): Promise<MessageBody> {
  const [page, { names }, settings] = await Promise.all([
    deps.storage.auditPage(guildId, {
      ...(userId ? { userId } : {}),
      ...(before ? { before } : {}),
      limit: AUDIT_PAGE_SIZE,
    }),
    loadCategories(deps, guildId),
    deps.storage.getSettings(guildId).then(readValue),
  ]);
  const { items, next } = readValue(page);
  // Role rates need each member's roles: only looked up when the server has rates.
  const members = items.flatMap((item) => (item.fields.userId ? [item.fields.userId] : []));
  const roles = settings.payCurrency
    ? await rolesOf(deps.api, guildId, members)
    : new Map<string, string[]>();
  return auditView({
    payOf: (id, category, ms) =>
      payText(settings, { userId: id, roleIds: roles.get(id) ?? [] }, category, ms),
    userId,
    items,
    olderId: next ? deps.ids.auditPage(guildId, userId, next) : null,
    newestId: before ? deps.ids.auditPage(guildId, userId, null) : null,
    names,
  });
}

export function timesheetAuditCommand(deps: TimecardDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    await requireManager(deps, scope);
    const userId = scope.options.snowflake('user') ?? null;
    return respond.ephemeral(await auditPage(deps, scope.guildId, userId, null));
  };
}
