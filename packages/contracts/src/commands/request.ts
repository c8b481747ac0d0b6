import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

const S = ApplicationCommandOptionType.String;

/**
 * `/request reason [session] [start] [end] [category]`: a member asks managers to correct one of their
 * own sessions (with `session`) or to add a missing one (without it: category, start and end). Nothing
 * changes until a manager approves it in the server's review channel.
 */
export const requestCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'request',
  description: 'Ask a manager to correct your timesheet',
  ...guildOnly(),
  options: [
    {
      type: S,
      name: 'reason',
      description: 'Why (managers see it)',
      required: true,
      min_length: 3,
      max_length: TIMEKEEPER_LIMITS.reason,
    },
    {
      type: S,
      name: 'session',
      description: 'Your session to correct (leave empty to ask for a missing one)',
      required: false,
      autocomplete: true,
      max_length: 100,
    },
    {
      type: S,
      name: 'start',
      description: 'Start: HH:MM, or YYYY-MM-DD HH:MM (server time zone)',
      required: false,
      min_length: 4,
      max_length: 16,
    },
    {
      type: S,
      name: 'end',
      description: 'End: HH:MM, or YYYY-MM-DD HH:MM (server time zone)',
      required: false,
      min_length: 4,
      max_length: 16,
    },
    categoryOption('category', 'Category', false),
  ],
};
