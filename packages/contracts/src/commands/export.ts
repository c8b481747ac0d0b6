import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

export const EXPORT_FORMATS = ['csv', 'pdf', 'docx', 'audit'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** The formats of a timesheet; `audit` is the audit trail as CSV (managers only). */
export type TimesheetFormat = Exclude<ExportFormat, 'audit'>;

export const EXPORT_GROUPS = ['session', 'day', 'week', 'member'] as const;
export type ExportGroup = (typeof EXPORT_GROUPS)[number];

/**
 * `/export format [user] [server] [from] [to] [category] [group]`: a report file. Another member's data
 * or the whole server's needs a manager; so does `format:audit` (the audit trail as CSV, the whole
 * server's unless `user` names one member, filtered by when each change happened).
 */
export const exportCommand: ChatInputCommandDefinition = {
  type: ApplicationCommandType.ChatInput,
  name: 'export',
  description: 'Download your tracked time as a CSV, PDF or Word file',
  ...guildOnly(),
  options: [
    {
      type: ApplicationCommandOptionType.String,
      name: 'format',
      description: 'File format',
      required: true,
      choices: [
        { name: 'CSV (spreadsheet)', value: 'csv' },
        { name: 'PDF report', value: 'pdf' },
        { name: 'Word document (DOCX)', value: 'docx' },
        { name: 'Audit trail (CSV, managers)', value: 'audit' },
      ] satisfies { name: string; value: ExportFormat }[],
    },
    {
      type: ApplicationCommandOptionType.User,
      name: 'user',
      description: 'Member to export (managers only; default: you)',
      required: false,
    },
    {
      type: ApplicationCommandOptionType.Boolean,
      name: 'server',
      description: "Everyone's time on this server (managers only)",
      required: false,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'from',
      description: 'First day to include, YYYY-MM-DD (default: the first of this month)',
      required: false,
      min_length: 10,
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'to',
      description: 'Last day to include, YYYY-MM-DD (default: today)',
      required: false,
      min_length: 10,
      max_length: 10,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'category',
      description: 'Only this category (default: all)',
      required: false,
      max_length: 50,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'group',
      description: 'Rows per session (default), day, week or member',
      required: false,
      choices: [
        { name: 'Session', value: 'session' },
        { name: 'Day', value: 'day' },
        { name: 'Week', value: 'week' },
        { name: 'Member', value: 'member' },
      ] satisfies { name: string; value: ExportGroup }[],
    },
  ],
};
