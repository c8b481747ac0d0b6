/** ◀ ▶ on a leaderboard: another page in place, with the clicker's own place. */
import { ErrorCode } from '@timekeeper/contracts';
import { respond, type ComponentScope } from '@timekeeper/service-kit';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { boardMessage } from '../commands/leaderboard';
import { loadCategories, refuse, valueOf, type AnalyticsDeps } from '../deps';
import { categoryRef, decodeRange } from '../ids';

const TIMEFRAMES = new Set(['today', 'week', 'month', 'year', 'all']);

export function leaderboardPageButton(deps: AnalyticsDeps) {
  return async (scope: ComponentScope): Promise<APIInteractionResponse> => {
    const [guildId, period, ref, limitRaw, pageRaw] = scope.customId.args;
    if (guildId !== scope.guildId) {
      throw refuse(ErrorCode.FORBIDDEN, 'This button belongs to another server, so it does nothing here.');
    }
    const limit = Number(limitRaw);
    const page = Number(pageRaw);
    if (
      !period ||
      (!TIMEFRAMES.has(period) && !decodeRange(period)) ||
      !Number.isInteger(limit) ||
      !Number.isInteger(page) ||
      page < 0 ||
      limit < 1 ||
      limit > 25
    ) {
      throw refuse(ErrorCode.EXPIRED_COMPONENT, 'This button is out of date. Run `/leaderboard` again.');
    }
    let categoryKey: string | undefined;
    if (ref && ref !== '-') {
      const categories = await loadCategories(deps, scope.guildId);
      categoryKey = categories.find((c) => categoryRef(c.key) === ref)?.key;
      if (!categoryKey)
        throw refuse(ErrorCode.NOT_FOUND, 'That category no longer exists. Run `/leaderboard` again.');
    }
    const settings = valueOf(await deps.storage.getSettings(scope.guildId));
    return respond.update(
      await boardMessage(deps, { guildId, period, categoryKey, limit, page }, scope.userId, settings),
    );
  };
}
