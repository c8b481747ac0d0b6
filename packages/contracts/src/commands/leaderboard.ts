import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** Values of the `timeframe` option of `/leaderboard`. */
export const LEADERBOARD_TIMEFRAMES = ['all', 'week', 'month'] as const;
export type LeaderboardTimeframe = (typeof LEADERBOARD_TIMEFRAMES)[number];

/** `/leaderboard [category] [timeframe] [limit]`: the top members by tracked time. */
export const leaderboardCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'leaderboard',
  description: 'Top members by tracked time',
  ...guildOnly(),
  options: [
    categoryOption('category', 'Only count this category (default: all categories)', false),
    {
      type: ApplicationCommandOptionType.String,
      name: 'timeframe',
      description: 'Period to rank (default: all time)',
      required: false,
      choices: [
        { name: 'All time', value: 'all' },
        { name: 'This week', value: 'week' },
        { name: 'This month', value: 'month' },
      ] satisfies { name: string; value: LeaderboardTimeframe }[],
    },
    {
      type: ApplicationCommandOptionType.Integer,
      name: 'limit',
      description: `How many members to show (default: ${TIMEKEEPER_LIMITS.leaderboardDefault})`,
      required: false,
      min_value: TIMEKEEPER_LIMITS.leaderboardMin,
      max_value: TIMEKEEPER_LIMITS.leaderboardMax,
    },
  ],
};
