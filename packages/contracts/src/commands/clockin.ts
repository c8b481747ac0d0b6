import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/clockin category [description]`: start a session. The category is required and autocompleted. */
export const clockinCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'clockin',
  description: 'Start tracking your time in a category',
  ...guildOnly(),
  options: [
    categoryOption('category', 'What you are working on', true),
    {
      type: ApplicationCommandOptionType.String,
      name: 'description',
      description: 'A short note about this session',
      required: false,
      max_length: TIMEKEEPER_LIMITS.sessionDescription,
    },
  ],
};
