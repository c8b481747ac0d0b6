import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
} from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly, MANAGER_PERMISSIONS } from './shared';
import type { ChatInputCommandDefinition } from './types';

/** Optional category attributes, shared by `add` and `edit`. */
function categoryAttributes(): APIApplicationCommandBasicOption[] {
  return [
    {
      type: ApplicationCommandOptionType.String,
      name: 'description',
      description: 'What the category is for',
      required: false,
      max_length: TIMEKEEPER_LIMITS.categoryDescription,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'color',
      description: 'Embed colour as hex, e.g. #3498db',
      required: false,
      min_length: 6,
      max_length: 7,
    },
    {
      type: ApplicationCommandOptionType.Number,
      name: 'weight',
      description: 'Productivity weight from 0 to 5 (default 1)',
      required: false,
      min_value: TIMEKEEPER_LIMITS.categoryWeightMin,
      max_value: TIMEKEEPER_LIMITS.categoryWeightMax,
    },
  ];
}

/** `/admin categories add|edit|archive|restore|list` and `/admin system`. */
export const adminCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'admin',
  description: 'Manage categories and check system health',
  ...guildOnly(),
  default_member_permissions: MANAGER_PERMISSIONS,
  options: [
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'categories',
      description: 'Manage the categories members clock into',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'add',
          description: 'Create a category',
          options: [
            {
              type: ApplicationCommandOptionType.String,
              name: 'name',
              description: 'Name: letters, digits, spaces, - and _',
              required: true,
              min_length: 1,
              max_length: TIMEKEEPER_LIMITS.categoryName,
            },
            ...categoryAttributes(),
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'edit',
          description: 'Rename a category or change its details',
          options: [
            categoryOption('name', 'Category to edit', true),
            {
              type: ApplicationCommandOptionType.String,
              name: 'new_name',
              description: 'New name (tracked time moves with it)',
              required: false,
              min_length: 1,
              max_length: TIMEKEEPER_LIMITS.categoryName,
            },
            ...categoryAttributes(),
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'archive',
          description: 'Hide a category from clock-in; its tracked time is kept',
          options: [categoryOption('name', 'Category to archive', true)],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'restore',
          description: 'Bring back an archived category',
          options: [categoryOption('name', 'Archived category to restore', true)],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'list',
          description: 'List the categories',
          options: [
            {
              type: ApplicationCommandOptionType.Boolean,
              name: 'archived',
              description: 'List archived categories instead',
              required: false,
            },
          ],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'system',
      description: 'Health of Timekeeper: services, storage, latency',
    },
  ],
};
