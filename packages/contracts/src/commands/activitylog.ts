import { ApplicationCommandOptionType, ApplicationCommandType, ChannelType } from 'discord-api-types/v10';
import { guildOnly, MANAGER_PERMISSIONS } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** `/activitylog set channel` / `disable` / `show`: where clock-ins, clock-outs and forced clock-outs are posted. */
export const activitylogCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'activitylog',
  description: 'Post clock-ins and clock-outs to a channel',
  ...guildOnly(),
  default_member_permissions: MANAGER_PERMISSIONS,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'set',
      description: 'Choose the activity log channel',
      options: [
        {
          type: ApplicationCommandOptionType.Channel,
          name: 'channel',
          description: 'Text channel to post to',
          required: true,
          channel_types: [ChannelType.GuildText, ChannelType.GuildAnnouncement],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'disable',
      description: 'Stop posting the activity log',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'Show where the activity log goes',
    },
  ],
};
