import { ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/clockout`: end your current session. */
export const clockoutCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'clockout',
  description: 'Stop tracking time and save your current session',
  ...guildOnly(),
};
