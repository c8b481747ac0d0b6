/**
 * The fields of an interaction the router and handlers read, checked for their types before any handler
 * runs, so a malformed payload (a bug, a replay tool, a hand-made request) is refused as invalid input
 * instead of throwing deep inside a handler. Discord's own payloads always pass. Pure.
 */
import { ApplicationCommandOptionType as T, InteractionType } from 'discord-api-types/v10';

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isId = (value: unknown): boolean => typeof value === 'string' && /^\d{1,20}$/.test(value);

type Check = (value: unknown) => boolean;
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || value === null || check(value);
const string: Check = (value) => typeof value === 'string';
const arrayOf =
  (check: Check): Check =>
  (value) =>
    Array.isArray(value) && value.every(check);

/** Option types whose value is a string (ids are strings too), a number, or a boolean. */
const STRING_VALUED = new Set<number>([T.String, T.User, T.Channel, T.Role, T.Mentionable, T.Attachment]);
const NUMBER_VALUED = new Set<number>([T.Integer, T.Number]);

function optionProblem(option: unknown, path: string, depth: number): string | undefined {
  if (!isRecord(option)) return `${path} is not an object`;
  if (typeof option.name !== 'string') return `${path}.name is not a string`;
  if (typeof option.type !== 'number') return `${path}.type is not a number`;
  if (option.focused !== undefined && typeof option.focused !== 'boolean')
    return `${path}.focused is not a boolean`;
  if (option.type === T.Subcommand || option.type === T.SubcommandGroup) {
    if (depth >= 2) return `${path} nests too deep`;
    return optionsProblem(option.options, `${path}.options`, depth + 1);
  }
  const value = option.value;
  const ok = STRING_VALUED.has(option.type)
    ? typeof value === 'string'
    : NUMBER_VALUED.has(option.type)
      ? typeof value === 'number' && Number.isFinite(value)
      : option.type === T.Boolean
        ? typeof value === 'boolean'
        : false;
  return ok ? undefined : `${path}.value does not fit option type ${String(option.type)}`;
}

function optionsProblem(options: unknown, path: string, depth: number): string | undefined {
  if (options === undefined) return undefined;
  if (!Array.isArray(options)) return `${path} is not an array`;
  for (const [index, option] of options.entries()) {
    const problem = optionProblem(option, `${path}[${index}]`, depth);
    if (problem) return problem;
  }
  return undefined;
}

function userProblem(user: unknown, path: string): string | undefined {
  if (!isRecord(user)) return `${path} is not an object`;
  return isId(user.id) ? undefined : `${path}.id is not an id`;
}

function dataProblem(type: number, data: Record<string, unknown>): string | undefined {
  switch (type) {
    case InteractionType.ApplicationCommand:
    case InteractionType.ApplicationCommandAutocomplete:
      if (!string(data.name)) return 'data.name is not a string';
      if (data.resolved !== undefined && !isRecord(data.resolved)) return 'data.resolved is not an object';
      return optionsProblem(data.options, 'data.options', 0);
    case InteractionType.MessageComponent:
      if (!string(data.custom_id)) return 'data.custom_id is not a string';
      if (typeof data.component_type !== 'number') return 'data.component_type is not a number';
      return optional(arrayOf(string))(data.values) ? undefined : 'data.values is not a list of strings';
    case InteractionType.ModalSubmit:
      if (!string(data.custom_id)) return 'data.custom_id is not a string';
      return Array.isArray(data.components) ? undefined : 'data.components is not an array';
    default:
      return undefined;
  }
}

/** What is wrong with the interaction's shape, or undefined when handlers may read it. */
export function interactionInputProblem(interaction: unknown): string | undefined {
  if (!isRecord(interaction)) return 'the interaction is not an object';
  if (typeof interaction.type !== 'number') return 'type is not a number';
  for (const field of ['guild_id', 'channel_id'] as const) {
    if (!optional(isId)(interaction[field])) return `${field} is not an id`;
  }
  if (interaction.channel !== undefined && !(isRecord(interaction.channel) && isId(interaction.channel.id))) {
    return 'channel is not a channel';
  }
  if (interaction.member !== undefined) {
    const member = interaction.member;
    if (!isRecord(member)) return 'member is not an object';
    const problem = userProblem(member.user, 'member.user');
    if (problem) return problem;
    if (!arrayOf(string)(member.roles)) return 'member.roles is not a list of ids';
    if (!optional(string)(member.permissions)) return 'member.permissions is not a string';
  }
  if (interaction.user !== undefined) {
    const problem = userProblem(interaction.user, 'user');
    if (problem) return problem;
  }
  if (interaction.data === undefined) return undefined;
  if (!isRecord(interaction.data)) return 'data is not an object';
  return dataProblem(interaction.type, interaction.data);
}
