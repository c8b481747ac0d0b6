import { ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/status`: your current session, or your totals when clocked out. */
export const statusCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'status',
  description: 'Show your current session and your tracked time',
  ...guildOnly(),
};
