import { ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/whoclocked`: everyone clocked in right now. */
export const whoclockedCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'whoclocked',
  description: 'See who is clocked in right now',
  ...guildOnly(),
};
