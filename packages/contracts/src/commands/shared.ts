/** Pieces several command definitions share. Each call returns fresh objects, so no definition aliases another. */
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type APIApplicationCommandStringOption,
} from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';

/** Manage Server: the default permission of admin and manager commands (server owners can re-map it). */
export const MANAGER_PERMISSIONS = String(PermissionFlagsBits.ManageGuild);

/** Every command is usable in servers only, from a server install. */
export function guildOnly(): {
  contexts: InteractionContextType[];
  integration_types: ApplicationIntegrationType[];
} {
  return {
    contexts: [InteractionContextType.Guild],
    integration_types: [ApplicationIntegrationType.GuildInstall],
  };
}

/** A category name typed by the user, completed by the owning service from the guild's categories. */
export function categoryOption(
  name: string,
  description: string,
  required: boolean,
): APIApplicationCommandStringOption {
  return {
    type: ApplicationCommandOptionType.String,
    name,
    description,
    required,
    autocomplete: true,
    min_length: 1,
    max_length: TIMEKEEPER_LIMITS.categoryName,
  };
}
