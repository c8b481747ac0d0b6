import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  type APIApplicationCommandBasicOption,
  type APIApplicationCommandSubcommandOption,
} from 'discord-api-types/v10';
import { TIMEKEEPER_LIMITS } from '../limits';
import { categoryOption, guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

const S = ApplicationCommandOptionType.String;

function member(
  required: boolean,
  description = 'The member whose timesheet it is',
): APIApplicationCommandBasicOption {
  return { type: ApplicationCommandOptionType.User, name: 'user', description, required };
}

function session(): APIApplicationCommandBasicOption {
  return {
    type: S,
    name: 'session',
    description: 'Which session (pick from the list)',
    required: true,
    autocomplete: true,
    max_length: 100,
  };
}

function time(name: string, description: string, required: boolean): APIApplicationCommandBasicOption {
  return { type: S, name, description, required, min_length: 4, max_length: 16 };
}

function reason(required: boolean): APIApplicationCommandBasicOption {
  return {
    type: S,
    name: 'reason',
    description: 'Why (kept in the audit trail and sent to the member)',
    required,
    min_length: required ? 3 : 1,
    max_length: TIMEKEEPER_LIMITS.reason,
  };
}

function note(): APIApplicationCommandBasicOption {
  return {
    type: S,
    name: 'note',
    description: "The session's note ('-' removes it)",
    required: false,
    max_length: TIMEKEEPER_LIMITS.sessionDescription,
  };
}

function period(): APIApplicationCommandBasicOption[] {
  return [
    {
      type: S,
      name: 'period',
      description: 'Week or month',
      required: true,
      choices: [
        { name: 'This week', value: 'week' },
        { name: 'Last week', value: 'last-week' },
        { name: 'This month', value: 'month' },
        { name: 'Last month', value: 'last-month' },
      ],
    },
  ];
}

function sub(
  name: string,
  description: string,
  options: APIApplicationCommandBasicOption[],
): APIApplicationCommandSubcommandOption {
  return { type: ApplicationCommandOptionType.Subcommand, name, description, options };
}

/**
 * `/timesheet …`: managers list, correct, add and delete members' sessions (each previewed, with a
 * reason), read the audit trail, review flagged sessions, and approve (lock) or unlock weeks and months.
 * Visible to everyone because managers may hold a manager role without Manage Server; the service
 * checks the manager right on every subcommand and button.
 */
export const timesheetCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'timesheet',
  description: "Review and correct members' timesheets (managers)",
  ...guildOnly(),
  options: [
    sub('list', "List a member's sessions in a week or month", [member(true), ...period()]),
    sub('edit', 'Correct a session: start, end, category or note', [
      member(true),
      session(),
      reason(true),
      time('start', 'New start: HH:MM, or YYYY-MM-DD HH:MM (server time zone)', false),
      time('end', 'New end: HH:MM, or YYYY-MM-DD HH:MM (server time zone)', false),
      categoryOption('category', 'New category', false),
      note(),
    ]),
    sub('add', 'Add a session the member forgot to clock', [
      member(true),
      categoryOption('category', 'Category', true),
      time('start', 'Start: YYYY-MM-DD HH:MM, or HH:MM today (server time zone)', true),
      time('end', 'End: HH:MM (same day, or the next if earlier), or YYYY-MM-DD HH:MM', true),
      reason(true),
      note(),
    ]),
    sub('delete', 'Delete a session', [member(true), session(), reason(true)]),
    sub('audit', 'Who changed what and why, newest first', [
      member(false, "One member's trail (default: the whole server)"),
    ]),
    sub('review', 'Sessions flagged for review (capped or closed automatically)', []),
    sub('lock', 'Approve and lock a week or month: corrections inside are refused', [
      ...period(),
      member(false, 'Only this member (default: everyone)'),
      reason(false),
    ]),
    sub('channel', "Where members' /request corrections are posted for managers", [
      {
        type: ApplicationCommandOptionType.Channel,
        name: 'channel',
        description: 'Review channel',
        required: true,
        channel_types: [0],
      },
    ]),
    sub('unlock', 'Unlock an approved week or month', [
      ...period(),
      reason(true),
      member(false, 'Only this member (default: everyone)'),
    ]),
    sub('suspend', 'Suspend a member: they cannot clock in (they are told the reason)', [
      member(true, 'The member to suspend'),
      reason(true),
      time('until', 'Until YYYY-MM-DD [HH:MM], server time zone (default: until lifted)', false),
    ]),
    sub('unsuspend', "Lift a member's suspension", [member(true, 'The suspended member'), reason(true)]),
    sub('require-role', 'Roles needed to clock in (any one of them), for the server or one category', [
      {
        type: S,
        name: 'action',
        description: 'Add or remove a required role, or clear them',
        required: true,
        choices: [
          { name: 'Add', value: 'add' },
          { name: 'Remove', value: 'remove' },
          { name: 'Clear', value: 'clear' },
        ],
      },
      { type: ApplicationCommandOptionType.Role, name: 'role', description: 'The role', required: false },
      categoryOption('category', 'Only for this category (default: the whole server)', false),
    ]),
    sub('currency', 'The currency pay is shown in (ISO 4217 code, e.g. EUR)', [
      {
        type: S,
        name: 'code',
        description: 'e.g. EUR, USD, GBP, JPY',
        required: true,
        min_length: 3,
        max_length: 3,
      },
    ]),
    sub('rate', 'Set or remove an hourly rate for a member, a role or a category', [
      {
        type: S,
        name: 'amount',
        description: "Per hour, e.g. 15.50 ('none' removes the rate)",
        required: true,
        max_length: 16,
      },
      member(false, "This member's own rate (wins over every other)"),
      {
        type: ApplicationCommandOptionType.Role,
        name: 'role',
        description: 'Rate of this role',
        required: false,
      },
      categoryOption('category', 'Rate of this category (wins over roles)', false),
    ]),
    sub('rates', 'The currency, hourly rates, targets and target reminder', []),
    sub('target', 'Set or remove the hours a role should track per week or month', [
      { type: ApplicationCommandOptionType.Role, name: 'role', description: 'The role', required: true },
      {
        type: S,
        name: 'period',
        description: 'Per week or per month',
        required: true,
        choices: [
          { name: 'Week', value: 'week' },
          { name: 'Month', value: 'month' },
        ],
      },
      {
        type: ApplicationCommandOptionType.Number,
        name: 'hours',
        description: 'Hours per period (0 removes the target)',
        required: true,
        min_value: 0,
        max_value: 744,
      },
    ]),
    sub('targets', 'Members below their weekly or monthly target so far', []),
    sub('target-reminder', 'DM members below target some hours before the week or month ends', [
      {
        type: ApplicationCommandOptionType.Integer,
        name: 'hours',
        description: 'Hours before the period ends (0 turns the reminder off)',
        required: true,
        min_value: 0,
        max_value: 168,
      },
    ]),
  ],
};
