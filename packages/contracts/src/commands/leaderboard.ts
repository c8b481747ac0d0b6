import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** Values of the `visibility` option of `/leaderboard`: a member's own choice for public boards. */
export const LEADERBOARD_VISIBILITY = ['hide', 'show'] as const;
export type LeaderboardVisibility = (typeof LEADERBOARD_VISIBILITY)[number];

/** Values of the `timeframe` option of `/leaderboard`. */
export const LEADERBOARD_TIMEFRAMES = ['today', 'week', 'month', 'year', 'all'] as const;
export type LeaderboardTimeframe = (typeof LEADERBOARD_TIMEFRAMES)[number];

/**
 * `/leaderboard [category] [timeframe] [limit] [from] [to]`: the top members by tracked time. `from`
 * and `to` (server-local dates, YYYY-MM-DD, inclusive) rank a custom range instead of the timeframe.
 */
export const leaderboardCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'leaderboard',
  description: 'Top members by tracked time',
  ...guildOnly(),
  options: [
    categoryOption(
      'category',
      'Only count this category, archived ones too (default: all categories)',
      false,
    ),
    {
      type: ApplicationCommandOptionType.String,
      name: 'timeframe',
      description: 'Period to rank (default: this week)',
      required: false,
      choices: [
        { name: 'Today', value: 'today' },
        { name: 'This week', value: 'week' },
        { name: 'This month', value: 'month' },
        { name: 'This year', value: 'year' },
        { name: 'All time', value: 'all' },
      ] satisfies { name: string; value: LeaderboardTimeframe }[],
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      description: `Members per page (default: ${TIMEKEEPER_LIMITS.leaderboardDefault})`,
      required: false,
      min_value: TIMEKEEPER_LIMITS.leaderboardMin,
      max_value: TIMEKEEPER_LIMITS.leaderboardMax,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'from',
      description: 'First day of a custom range, YYYY-MM-DD in the server time zone',
      required: false,
      min_length: 10,
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'to',
      description: 'Last day of a custom range, YYYY-MM-DD (default: today)',
      required: false,
      min_length: 10,
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'visibility',
      description: 'Hide yourself from others on public boards, or show yourself again',
      required: false,
      choices: [
        { name: 'Hide me from others', value: 'hide' },
        { name: 'Show me again', value: 'show' },
      ] satisfies { name: string; value: LeaderboardVisibility }[],
    },
  ],
};
