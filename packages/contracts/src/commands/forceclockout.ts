import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { guildOnly, MANAGER_PERMISSIONS } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/forceclockout user [reason]`: a manager ends someone else's session; the reason is kept and logged. */
export const forceclockoutCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'forceclockout',
  description: "End another member's session (managers)",
  ...guildOnly(),
  default_member_permissions: MANAGER_PERMISSIONS,
  options: [
    {
      type: ApplicationCommandOptionType.User,
      name: 'user',
      description: 'Member to clock out',
      required: true,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'reason',
      description: 'Why (shown in the activity log and sent to the member)',
      required: false,
      max_length: TIMEKEEPER_LIMITS.reason,
    },
  ],
};
