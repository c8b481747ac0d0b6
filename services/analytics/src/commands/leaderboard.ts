/**
 * `/leaderboard [category] [timeframe] [limit] [from] [to]`: a page of a period board (kept up on
 * write by storage), the caller's own place, Previous/Next. Also answers the page buttons.
 */
import {
  ErrorCode,
  LEADERBOARD_TIMEFRAMES,
  LEADERBOARD_VISIBILITY,
  TIMEKEEPER_LIMITS,
  type LeaderboardTimeframe,
} from '@timekeeper/contracts';
import { respond, withStorageRefusals, type CommandScope } from '@timekeeper/service-kit';
import { normaliseCategory, type BoardRead, type GuildSettings } from '@timekeeper/storage';
import type { APIInteractionResponse } from 'discord-api-types/v10';
import { loadCategories, refuse, valueOf, type AnalyticsDeps } from '../deps';
import { decodeRange, encodeRange, type BoardState } from '../ids';
import { checkRange, currentPeriod } from '../logic/dates';
import { leaderboardView } from '../views/leaderboard';

const LABELS: Record<LeaderboardTimeframe, string> = {
  today: 'Today',
  week: 'This week',
  month: 'This month',
  year: 'This year',
  all: 'All time',
};

/** The message of one board page, as seen by `viewerId`. */
export async function boardMessage(
  deps: AnalyticsDeps,
  state: BoardState,
  viewerId: string,
  settings: GuildSettings,
) {
  const now = deps.clock.now();
  const range = decodeRange(state.period);
  const offset = state.page * state.limit;
  const query = { category: state.categoryKey, offset, limit: state.limit, userId: viewerId };
  let periodLabel: string;
  let board: BoardRead;
  let notice: string | undefined;
  if (range) {
    periodLabel = `${range.fromDate} to ${range.toDate}`;
    board = await deps.cache.get(
      'range-board',
      state.guildId,
      `${state.period}|${state.categoryKey ?? ''}|${offset}|${state.limit}|${viewerId}`,
      async () =>
        valueOf(
          await deps.storage.rangeBoard(state.guildId, {
            ...query,
            fromDate: range.fromDate,
            toDate: range.toDate,
          }),
        ),
    );
  } else {
    const timeframe = state.period as LeaderboardTimeframe;
    let periodId = 'all';
    periodLabel = LABELS[timeframe];
    if (timeframe !== 'all') {
      const kind = timeframe === 'today' ? 'day' : timeframe;
      const p = currentPeriod(kind, now, settings);
      periodId = p.id;
      if (timeframe === 'week') periodLabel += ` (from ${p.id.slice(1)})`;
    }
    // The rebuild state is read beside the board, not after it: one round trip less.
    const [page, rebuild] = await Promise.all([
      deps.cache.get(
        'board',
        state.guildId,
        `${periodId}|${state.categoryKey ?? ''}|${offset}|${state.limit}|${viewerId}`,
        async () => valueOf(await deps.storage.periodBoard(state.guildId, { ...query, periodId })),
      ),
      timeframe === 'all' ? null : deps.storage.periodsState(state.guildId).then(valueOf),
    ]);
    board = page;
    if (rebuild && rebuild.state !== 'done') {
      notice = `⏳ The boards are being rebuilt for the new time zone or week start (${rebuild.processed} of about ${rebuild.members} members so far). All-time boards are ready: try \`timeframe:All time\`.`;
    }
  }
  // Private boards name nobody but the viewer: nothing to look up.
  const others = board.entries.map((e) => e.userId).filter((id) => id !== viewerId);
  const [departed, hidden] = settings.publicLeaderboards
    ? await Promise.all([
        deps.members.departed(state.guildId, others),
        settings.leaderboardOptOut
          ? deps.storage.leaderboardHidden(state.guildId, others)
          : new Set<string>(),
      ])
    : [new Set<string>(), new Set<string>()];
  const pageId = (page: number) => deps.ids.leaderboardPage({ ...state, page });
  return leaderboardView({
    periodLabel,
    categoryLabel: state.categoryKey ?? null,
    ...board,
    viewerId,
    departed,
    hidden,
    page: state.page,
    limit: state.limit,
    anonymous: !settings.publicLeaderboards,
    previousId: notice === undefined && state.page > 0 ? pageId(state.page - 1) : null,
    nextId: notice === undefined && offset + state.limit < board.size ? pageId(state.page + 1) : null,
    ...(notice === undefined ? {} : { notice }),
  });
}

/** `/leaderboard visibility:hide|show`: the member's own choice for public boards (answered privately). */
async function setVisibility(
  deps: AnalyticsDeps,
  scope: CommandScope,
  settings: GuildSettings,
  visibility: string,
): Promise<APIInteractionResponse> {
  if (!(LEADERBOARD_VISIBILITY as readonly string[]).includes(visibility)) {
    throw refuse(ErrorCode.INVALID_INPUT, `\`visibility\` is one of ${LEADERBOARD_VISIBILITY.join(', ')}.`);
  }
  if (!settings.leaderboardOptOut) {
    throw refuse(
      ErrorCode.FORBIDDEN,
      'This server does not let members hide from the leaderboards; nothing was changed. A manager can allow it with `/config leaderboards opt_out:True`.',
    );
  }
  const hide = visibility === 'hide';
  await withStorageRefusals(() =>
    deps.storage.setLeaderboardHidden(scope.guildId, scope.userId, hide, deps.clock.now()),
  );
  deps.cache.invalidate(scope.guildId);
  return respond.ephemeral({
    content: hide
      ? '🙈 You are hidden from others on the public leaderboards: they see "a member" in your place. You still see your own rank. Undo with `/leaderboard visibility:Show me again`.'
      : '🙋 You are shown by name on the public leaderboards again.',
  });
}

export function leaderboardCommand(deps: AnalyticsDeps) {
  return async (scope: CommandScope): Promise<APIInteractionResponse> => {
    const settings = valueOf(await deps.storage.getSettings(scope.guildId));
    const visibility = scope.options.string('visibility');
    if (visibility !== undefined) return setVisibility(deps, scope, settings, visibility);
    const limit = scope.options.number('limit') ?? TIMEKEEPER_LIMITS.leaderboardDefault;
    if (
      !Number.isInteger(limit) ||
      limit < TIMEKEEPER_LIMITS.leaderboardMin ||
      limit > TIMEKEEPER_LIMITS.leaderboardMax
    ) {
      throw refuse(
        ErrorCode.INVALID_INPUT,
        `\`limit\` is ${TIMEKEEPER_LIMITS.leaderboardMin} to ${TIMEKEEPER_LIMITS.leaderboardMax} members per page.`,
      );
    }
    const timeframe = scope.options.string('timeframe') ?? 'week';
    if (!(LEADERBOARD_TIMEFRAMES as readonly string[]).includes(timeframe)) {
      throw refuse(ErrorCode.INVALID_INPUT, `\`timeframe\` is one of ${LEADERBOARD_TIMEFRAMES.join(', ')}.`);
    }
    const from = scope.options.string('from');
    const to = scope.options.string('to');
    let period = timeframe;
    if (from !== undefined || to !== undefined) {
      const checked = checkRange(from, to, deps.clock.now(), settings.timeZone);
      if (!checked.ok) throw refuse(ErrorCode.INVALID_INPUT, `${checked.message} Nothing was shown.`);
      period = encodeRange(checked.fromDate, checked.toDate);
    }
    const categoryName = scope.options.string('category');
    let categoryKey: string | undefined;
    if (categoryName !== undefined) {
      const key = normaliseCategory(categoryName);
      const categories = await loadCategories(deps, scope.guildId);
      // Its key (the name it was created with), or its current name after a rename.
      const found =
        categories.find((c) => c.key === key) ??
        categories.find((c) => normaliseCategory(c.displayName) === key);
      if (!found) {
        throw refuse(
          ErrorCode.NOT_FOUND,
          `There is no category "${categoryName}" in this server (archived ones count too). See \`/admin categories list\`.`,
        );
      }
      categoryKey = found.key;
    }
    const body = await boardMessage(
      deps,
      { guildId: scope.guildId, period, categoryKey, limit, page: 0 },
      scope.userId,
      settings,
    );
    return settings.publicLeaderboards ? respond.public(body) : respond.ephemeral(body);
  };
}
