import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/dashboard [personal]`: a shared dashboard for the channel, or a private one for you. */
export const dashboardCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'dashboard',
  description: 'Post a clock-in dashboard with buttons in this channel',
  ...guildOnly(),
  options: [
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'personal',
      description: 'Show a private dashboard only you can see instead',
      required: false,
    },
  ],
};
