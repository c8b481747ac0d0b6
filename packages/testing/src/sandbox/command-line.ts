import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import { ApplicationCommandOptionType, type APIApplicationCommandOption } from 'discord-api-types/v10';

/** A slash command as the emulator's control API takes it. */
export interface ParsedCommand {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options: Record<string, string | number | boolean>;
}

export class CommandLineError extends Error {
  override readonly name = 'CommandLineError';
}

/** Splits on spaces, keeping "quoted parts" together (quotes removed). */
export function tokenize(line: string): string[] {
  const tokens: string[] = [];
  const pattern = /(\S*?)"([^"]*)"|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    tokens.push(match[3] ?? `${match[1] ?? ''}${match[2] ?? ''}`);
  }
  return tokens;
}

type Option = APIApplicationCommandOption;
const isGroup = (o: Option) => o.type === ApplicationCommandOptionType.SubcommandGroup;
const isSub = (o: Option) => o.type === ApplicationCommandOptionType.Subcommand;

/**
 * Parses `/admin categories add name:Support weight:2` against Timekeeper's command definitions, so
 * option values get their real types (numbers, booleans, user ids from `@name` via `resolveUser`).
 */
export function parseCommandLine(
  line: string,
  resolveUser: (name: string) => string | undefined,
): ParsedCommand {
  const [first, ...rest] = tokenize(line.trim());
  if (!first?.startsWith('/'))
    throw new CommandLineError('A command starts with "/", e.g. "/clockin category:work"');
  const name = first.slice(1);
  const definition = COMMAND_DEFINITIONS.find((command) => command.name === name);
  if (!definition) {
    throw new CommandLineError(
      `Unknown command /${name}. Known: ${COMMAND_DEFINITIONS.map((c) => `/${c.name}`).join(', ')}`,
    );
  }
  const parsed: ParsedCommand = { name, options: {} };
  let options: readonly Option[] = definition.options ?? [];
  const words = [...rest];
  const group = options.find((o) => isGroup(o) && o.name === words[0]);
  if (group && 'options' in group) {
    parsed.subcommandGroup = group.name;
    words.shift();
    options = group.options ?? [];
  }
  if (options.some(isSub)) {
    const sub = options.find((o) => isSub(o) && o.name === words[0]);
    if (!sub) {
      const names = options.filter((o) => isSub(o) || isGroup(o)).map((o) => o.name);
      throw new CommandLineError(
        `/${[name, parsed.subcommandGroup].filter(Boolean).join(' ')} needs one of: ${names.join(', ')}`,
      );
    }
    parsed.subcommand = sub.name;
    words.shift();
    options = ('options' in sub ? sub.options : undefined) ?? [];
  }
  for (const word of words) {
    const colon = word.indexOf(':');
    if (colon <= 0) throw new CommandLineError(`Options are written name:value (got "${word}")`);
    const key = word.slice(0, colon);
    const raw = word.slice(colon + 1);
    const option = options.find((o) => o.name === key);
    if (!option) {
      throw new CommandLineError(
        `Unknown option "${key}". Options here: ${options.map((o) => o.name).join(', ') || 'none'}`,
      );
    }
    parsed.options[key] = convert(option, raw, resolveUser);
  }
  return parsed;
}

function convert(
  option: Option,
  raw: string,
  resolveUser: (name: string) => string | undefined,
): string | number | boolean {
  switch (option.type) {
    case ApplicationCommandOptionType.Integer:
    case ApplicationCommandOptionType.Number: {
      const value = Number(raw);
      if (!Number.isFinite(value))
        throw new CommandLineError(`${option.name} must be a number (got "${raw}")`);
      return value;
    }
    case ApplicationCommandOptionType.Boolean:
      if (raw !== 'true' && raw !== 'false')
        throw new CommandLineError(`${option.name} must be true or false`);
      return raw === 'true';
    case ApplicationCommandOptionType.User:
    case ApplicationCommandOptionType.Mentionable: {
      const id = /^\d+$/.test(raw) ? raw : resolveUser(raw.replace(/^@/, ''));
      if (!id) throw new CommandLineError(`${option.name}: no sandbox member called "${raw}"`);
      return id;
    }
    default:
      return raw;
  }
}
