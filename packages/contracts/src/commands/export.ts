import { ApplicationCommandOptionType, ApplicationCommandType } from 'discord-api-types/v10';
import { guildOnly } from './shared';
import type { ChatInputCommandDefinition } from './types';

export const EXPORT_FORMATS = ['csv', 'pdf', 'docx'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Dates in `from` / `to` are calendar days in the server's time zone. */
export const EXPORT_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** `/export format [user] [from] [to]`: a report file. Other members' data needs a manager. */
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
      ] satisfies { name: string; value: ExportFormat }[],
    },
    {
      type: ApplicationCommandOptionType.User,
      name: 'user',
      description: 'Member to export (managers only; default: you)',
      required: false,
    },
    {
      type: ApplicationCommandOptionType.String,
      name: 'from',
      description: 'First day to include, YYYY-MM-DD (default: first session)',
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
  ],
};
