import { ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/help`: the commands the member may use here (member, manager, admin), only to them. */
export const helpCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'help',
  description: 'The Timekeeper commands you may use on this server',
  ...guildOnly(),
};
