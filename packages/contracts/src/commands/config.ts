import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly, MANAGER_PERMISSIONS } from './shared';
import type { ChatInputCommandDefinition } from './types';

export const WEEK_START_DAYS = ['monday', 'sunday', 'saturday'] as const;
export type WeekStartDay = (typeof WEEK_START_DAYS)[number];

/**
 * `/config`: server settings.
 * - `show`, `timezone zone`, `weekstart day`, `max-session hours`, `reminders minutes` (0 = off)
 * - `role set role [category]` / `role clear [category]`: the role members wear while clocked in
 *   (into that category, or into any category without its own role)
 * - `manager-role add|remove role`: roles allowed to view and export others' data and force clock-outs
 * - `work-hours start end` (HH:MM, local), `streak-minimum minutes`, `leaderboards public`: analytics
 */
export const configCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'config',
  description: 'Server settings: time zone, week start, limits, reminders, roles',
  ...guildOnly(),
  default_member_permissions: MANAGER_PERMISSIONS,
  options: [
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'show',
      description: 'Show the current settings',
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'timezone',
      description: 'Set the time zone used for days, weeks and months',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'zone',
          description: 'IANA time zone, e.g. Europe/Berlin',
          required: true,
          autocomplete: true,
          min_length: 1,
          max_length: TIMEKEEPER_LIMITS.timezoneName,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'weekstart',
      description: 'Set the first day of the week',
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'day',
          description: 'First day of the week',
          required: true,
          choices: [
            { name: 'Monday', value: 'monday' },
            { name: 'Sunday', value: 'sunday' },
            { name: 'Saturday', value: 'saturday' },
          ] satisfies { name: string; value: WeekStartDay }[],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'max-session',
      description: 'Clock members out automatically after this many hours',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'hours',
          description: 'Longest session in hours',
          required: true,
          min_value: TIMEKEEPER_LIMITS.maxSessionHoursMin,
          max_value: TIMEKEEPER_LIMITS.maxSessionHoursMax,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'reminders',
      description: 'Remind clocked-in members by DM every so often',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'minutes',
          description: 'Minutes between reminders (0 turns reminders off)',
          required: true,
          min_value: 0,
          max_value: TIMEKEEPER_LIMITS.reminderMinutesMax,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'work-hours',
      description: "The server's working hours (insights count time inside them)",
      options: [
        {
          type: ApplicationCommandOptionType.String,
          name: 'start',
          description: 'Start, HH:MM in the server time zone (e.g. 09:00)',
          required: true,
          min_length: 4,
          max_length: 5,
        },
        {
          type: ApplicationCommandOptionType.String,
          name: 'end',
          description: 'End, HH:MM in the server time zone (e.g. 17:30; 24:00 for midnight)',
          required: true,
          min_length: 4,
          max_length: 5,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'streak-minimum',
      description: 'How much tracked time makes a day count towards a streak',
      options: [
        {
          type: ApplicationCommandOptionType.Integer,
          name: 'minutes',
          description: 'Minutes per local day (1–1440)',
          required: true,
          min_value: 1,
          max_value: 1440,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.Subcommand,
      name: 'leaderboards',
      description: 'Whether leaderboards are public, and whether members may hide themselves on them',
      options: [
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'public',
          description: 'False: boards answer privately and other members stay anonymous',
          required: false,
        },
        {
          type: ApplicationCommandOptionType.Boolean,
          name: 'opt_out',
          description: 'True: members may hide themselves from others (/leaderboard visibility)',
          required: false,
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'role',
      description: 'Role members wear while clocked in',
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'set',
          description: 'Give members this role while they are clocked in',
          options: [
            {
              type: ApplicationCommandOptionType.Role,
              name: 'role',
              description: 'Role to give',
              required: true,
            },
            categoryOption('category', 'Only for this category (default: every category)', false),
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'clear',
          description: 'Stop giving a role while clocked in',
          options: [categoryOption('category', 'Only for this category (default: the general role)', false)],
        },
      ],
    },
    {
      type: ApplicationCommandOptionType.SubcommandGroup,
      name: 'manager-role',
      description: "Roles that can see others' data and force clock-outs",
      options: [
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'add',
          description: 'Make a role a manager role',
          options: [
            { type: ApplicationCommandOptionType.Role, name: 'role', description: 'Role', required: true },
          ],
        },
        {
          type: ApplicationCommandOptionType.Subcommand,
          name: 'remove',
          description: 'Stop treating a role as a manager role',
          options: [
            { type: ApplicationCommandOptionType.Role, name: 'role', description: 'Role', required: true },
          ],
        },
      ],
    },
  ],
};
