import type { RESTPostAPIChatInputApplicationCommandsJSONBody } from 'discord-api-types/v10';
import type { CommandName } from '../routing';

/** A slash command definition as registered with Discord, named after an entry of the routing table. */
export type ChatInputCommandDefinition = RESTPostAPIChatInputApplicationCommandsJSONBody & {
  name: CommandName;
};
