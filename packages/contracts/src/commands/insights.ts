import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/insights [user]`: productivity score, streak, trends. Other members' insights need a manager. */
export const insightsCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'insights',
  description: 'Productivity score, streaks and trends',
  ...guildOnly(),
  options: [
    {
      type: ApplicationCommandOptionType.User,
      name: 'user',
      description: 'Member to look at (managers only; default: you)',
      required: false,
    },
  ],
};
