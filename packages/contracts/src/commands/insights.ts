import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** Values of the `period` option of `/insights`: the last N local days, today included. */
export const INSIGHTS_PERIODS = ['7d', '30d', '90d', '365d'] as const;
export type InsightsPeriod = (typeof INSIGHTS_PERIODS)[number];

/**
 * `/insights [user] [period] [server]`: productivity score, streaks, comparisons, forecast and a chart.
 * Another member's insights and the server view (`server:True`) need a manager.
 */
export const insightsCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'insights',
  description: 'Productivity score, streaks, trends and a forecast',
  ...guildOnly(),
  options: [
    {
      type: ApplicationCommandOptionType.User,
      name: 'user',
      description: 'Member to look at (managers only; default: you)',
      required: false,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'period',
      description: 'Days to look at (default: the last 30 days)',
      required: false,
      choices: [
        { name: 'Last 7 days', value: '7d' },
        { name: 'Last 30 days', value: '30d' },
        { name: 'Last 90 days', value: '90d' },
        { name: 'Last 365 days', value: '365d' },
      ] satisfies { name: string; value: InsightsPeriod }[],
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'server',
      description: 'The whole server instead of one member (managers only)',
      required: false,
    },
  ],
};
