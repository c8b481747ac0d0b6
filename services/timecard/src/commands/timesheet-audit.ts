/** `/timesheet audit [user]`: the audit trail, newest first, ten entries a page. */
import { respond, type CommandScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, requireManager, type TimecardDeps } from '../deps';
import { readValue } from '@timekeeper/service-kit';
import type { MessageBody } from '../views/components';
import { auditView } from '../views/timesheet';

export const AUDIT_PAGE_SIZE = 10;

export async function auditPage(
  deps: TimecardDeps,
  guildId: string,
  userId: string | null,
  before: string | null,
): Promise<MessageBody> {
  const [page, { names }] = await Promise.all([
    deps.storage.auditPage(guildId, {
      ...(userId ? { userId } : {}),
      ...(before ? { before } : {}),
      limit: AUDIT_PAGE_SIZE,
    }),
    loadCategories(deps, guildId),
  ]);
  const { items, next } = readValue(page);
  return auditView({
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
