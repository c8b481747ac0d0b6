/**
 * The option-level half of command validation: names, descriptions, nesting, choices, ranges, and
 * the character count Discord limits. `validate.ts` holds the command-level checks and the public API.
 */
import { ApplicationCommandOptionType } from 'discord-api-types/v10';
import { COMMAND_LIMITS } from '../limits';

export type CommandRule =
  | 'type'
  | 'name'
  | 'name-lowercase'
  | 'description'
  | 'localization'
  | 'options-count'
  | 'option-type'
  | 'option-duplicate'
  | 'required-order'
  | 'subcommand-mix'
  | 'subcommand-nesting'
  | 'subcommand-required'
  | 'group-empty'
  | 'choices-not-allowed'
  | 'choices-count'
  | 'choice-name'
  | 'choice-value'
  | 'choice-duplicate'
  | 'autocomplete-not-allowed'
  | 'autocomplete-with-choices'
  | 'value-range'
  | 'length-range'
  | 'channel-types'
  | 'total-length'
  | 'permissions'
  | 'contexts'
  | 'duplicate-command'
  | 'commands-count';

export interface CommandProblem {
  /** Where: `admin`, `admin > categories > add > weight`, `admin > ... > timeframe > choices[2]`. */
  path: string;
  rule: CommandRule;
  message: string;
}

/** Discord's pattern for chat-input command and option names (also checked lower-case). */
export const COMMAND_NAME_PATTERN = /^[-_\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;

const T = ApplicationCommandOptionType;
const BASIC_TYPES = new Set<number>([
  T.String,
  T.Integer,
  T.Boolean,
  T.User,
  T.Channel,
  T.Role,
  T.Mentionable,
  T.Number,
  T.Attachment,
]);
const CHOICE_TYPES = new Set<number>([T.String, T.Integer, T.Number]);
const NUMERIC_TYPES = new Set<number>([T.Integer, T.Number]);
export const CONTEXTS = new Set([0, 1, 2]);
export const INTEGRATION_TYPES = new Set([0, 1]);

/** What we read off an option; typed loosely so hand-made bad definitions are checked, not trusted. */
export interface LooseOption {
  type?: unknown;
  name?: unknown;
  name_localizations?: unknown;
  description?: unknown;
  description_localizations?: unknown;
  required?: unknown;
  options?: unknown;
  choices?: unknown;
  autocomplete?: unknown;
  min_value?: unknown;
  max_value?: unknown;
  min_length?: unknown;
  max_length?: unknown;
  channel_types?: unknown;
}
interface LooseChoice {
  name?: unknown;
  name_localizations?: unknown;
  value?: unknown;
}

export type Level = 'command' | 'group' | 'subcommand';

export type Report = (path: string, rule: CommandRule, message: string) => void;

export function checkNameAndDescription(item: LooseOption, path: string, report: Report): void {
  const { name, description } = item;
  if (typeof name !== 'string' || !COMMAND_NAME_PATTERN.test(name)) {
    report(
      path,
      'name',
      `name ${JSON.stringify(name)} must match ${COMMAND_NAME_PATTERN} (1-32 letters, digits, - or _)`,
    );
  } else if (name !== name.toLowerCase()) {
    report(path, 'name-lowercase', `name '${name}' must be lower-case`);
  }
  if (
    typeof description !== 'string' ||
    description.length < 1 ||
    description.length > COMMAND_LIMITS.descriptionLength
  ) {
    report(
      path,
      'description',
      `description must be 1-${COMMAND_LIMITS.descriptionLength} characters, got ${describeLength(description)}`,
    );
  }
  for (const [locale, text] of localizations(item.name_localizations)) {
    if (typeof text !== 'string' || !COMMAND_NAME_PATTERN.test(text) || text !== text.toLowerCase()) {
      report(
        path,
        'localization',
        `name localization ${locale} ${JSON.stringify(text)} is not a valid lower-case name`,
      );
    }
  }
  for (const [locale, text] of localizations(item.description_localizations)) {
    if (typeof text !== 'string' || text.length < 1 || text.length > COMMAND_LIMITS.descriptionLength) {
      report(
        path,
        'localization',
        `description localization ${locale} must be 1-${COMMAND_LIMITS.descriptionLength} characters`,
      );
    }
  }
}

export function checkOptions(raw: unknown, path: string, level: Level, report: Report): void {
  if (raw === undefined) return;
  if (!Array.isArray(raw)) {
    report(path, 'option-type', 'options must be an array');
    return;
  }
  const options = raw as LooseOption[];
  if (options.length > COMMAND_LIMITS.options) {
    report(path, 'options-count', `${options.length} options; the limit is ${COMMAND_LIMITS.options}`);
  }
  const names = new Set<string>();
  let sawOptional = false;
  const nested = options.filter((o) => o.type === T.Subcommand || o.type === T.SubcommandGroup).length;
  if (nested > 0 && nested < options.length) {
    report(path, 'subcommand-mix', 'subcommands and subcommand groups cannot sit beside other options');
  }
  for (const [index, option] of options.entries()) {
    const at = `${path} > ${typeof option.name === 'string' && option.name !== '' ? option.name : `options[${index}]`}`;
    if (typeof option.name === 'string') {
      if (names.has(option.name))
        report(at, 'option-duplicate', `option name '${option.name}' is used twice at this level`);
      names.add(option.name);
    }
    checkNameAndDescription(option, at, report);
    const type = option.type;
    if (type === T.Subcommand || type === T.SubcommandGroup) {
      if (level === 'subcommand' || (level === 'group' && type === T.SubcommandGroup)) {
        report(
          at,
          'subcommand-nesting',
          `a ${level === 'group' ? 'subcommand group' : 'subcommand'} can only hold ${level === 'group' ? 'subcommands' : 'plain options'}`,
        );
      }
      if (option.required !== undefined)
        report(at, 'subcommand-required', 'subcommands and groups cannot be required');
      if (type === T.SubcommandGroup && (!Array.isArray(option.options) || option.options.length === 0)) {
        report(at, 'group-empty', 'a subcommand group needs at least one subcommand');
      }
      checkOptions(option.options, at, type === T.SubcommandGroup ? 'group' : 'subcommand', report);
      continue;
    }
    if (typeof type !== 'number' || !BASIC_TYPES.has(type)) {
      report(at, 'option-type', `unknown option type ${String(type)}`);
      continue;
    }
    if (level === 'group') report(at, 'subcommand-nesting', 'a subcommand group can only hold subcommands');
    if (option.options !== undefined)
      report(at, 'subcommand-nesting', 'only subcommands and groups can have options');
    if (option.required === true) {
      if (sawOptional) report(at, 'required-order', 'required options must come before optional ones');
    } else {
      sawOptional = true;
    }
    checkBasicOption(option, type, at, report);
  }
}

function checkBasicOption(option: LooseOption, type: number, at: string, report: Report): void {
  const choices = option.choices;
  const hasChoices = Array.isArray(choices) && choices.length > 0;
  if (choices !== undefined && !CHOICE_TYPES.has(type)) {
    report(at, 'choices-not-allowed', 'only string, integer and number options can have choices');
  } else if (choices !== undefined) {
    checkChoices(choices, type, at, report);
  }
  if (option.autocomplete !== undefined && !CHOICE_TYPES.has(type)) {
    report(at, 'autocomplete-not-allowed', 'only string, integer and number options can autocomplete');
  } else if (option.autocomplete === true && hasChoices) {
    report(at, 'autocomplete-with-choices', 'an option cannot both autocomplete and have choices');
  }

  const { min_value: min, max_value: max } = option;
  if (min !== undefined || max !== undefined) {
    if (!NUMERIC_TYPES.has(type)) {
      report(at, 'value-range', 'min_value / max_value only apply to integer and number options');
    } else {
      for (const [label, value] of [
        ['min_value', min],
        ['max_value', max],
      ] as const) {
        if (value !== undefined && !isOptionNumber(value, type)) {
          report(
            at,
            'value-range',
            `${label} ${String(value)} must be ${type === T.Integer ? 'an integer' : 'a number'} within ±2^53`,
          );
        }
      }
      if (typeof min === 'number' && typeof max === 'number' && min > max) {
        report(at, 'value-range', `min_value ${min} is greater than max_value ${max}`);
      }
    }
  }

  const { min_length: minLength, max_length: maxLength } = option;
  if (minLength !== undefined || maxLength !== undefined) {
    const limit = COMMAND_LIMITS.stringOptionLength;
    if (type !== T.String) {
      report(at, 'length-range', 'min_length / max_length only apply to string options');
    } else {
      if (
        minLength !== undefined &&
        !(Number.isInteger(minLength) && (minLength as number) >= 0 && (minLength as number) <= limit)
      ) {
        report(at, 'length-range', `min_length must be an integer from 0 to ${limit}`);
      }
      if (
        maxLength !== undefined &&
        !(Number.isInteger(maxLength) && (maxLength as number) >= 1 && (maxLength as number) <= limit)
      ) {
        report(at, 'length-range', `max_length must be an integer from 1 to ${limit}`);
      }
      if (typeof minLength === 'number' && typeof maxLength === 'number' && minLength > maxLength) {
        report(at, 'length-range', `min_length ${minLength} is greater than max_length ${maxLength}`);
      }
    }
  }

  if (option.channel_types !== undefined && type !== T.Channel) {
    report(at, 'channel-types', 'channel_types only applies to channel options');
  } else if (
    option.channel_types !== undefined &&
    (!Array.isArray(option.channel_types) || option.channel_types.length === 0)
  ) {
    report(
      at,
      'channel-types',
      'channel_types must be a non-empty array (omit it to allow every channel type)',
    );
  }
}

function checkChoices(raw: unknown, type: number, at: string, report: Report): void {
  if (!Array.isArray(raw)) {
    report(at, 'choice-value', 'choices must be an array');
    return;
  }
  const choices = raw as LooseChoice[];
  if (choices.length > COMMAND_LIMITS.choices) {
    report(at, 'choices-count', `${choices.length} choices; the limit is ${COMMAND_LIMITS.choices}`);
  }
  const names = new Set<unknown>();
  const values = new Set<unknown>();
  for (const [index, choice] of choices.entries()) {
    const where = `${at} > choices[${index}]`;
    const { name, value } = choice;
    if (typeof name !== 'string' || name.length < 1 || name.length > COMMAND_LIMITS.choiceNameLength) {
      report(
        where,
        'choice-name',
        `choice name must be 1-${COMMAND_LIMITS.choiceNameLength} characters, got ${describeLength(name)}`,
      );
    }
    for (const [locale, text] of localizations(choice.name_localizations)) {
      if (typeof text !== 'string' || text.length < 1 || text.length > COMMAND_LIMITS.choiceNameLength) {
        report(
          where,
          'localization',
          `choice name localization ${locale} must be 1-${COMMAND_LIMITS.choiceNameLength} characters`,
        );
      }
    }
    if (type === T.String) {
      if (
        typeof value !== 'string' ||
        value.length < 1 ||
        value.length > COMMAND_LIMITS.choiceStringValueLength
      ) {
        report(
          where,
          'choice-value',
          `string choice value must be 1-${COMMAND_LIMITS.choiceStringValueLength} characters`,
        );
      }
    } else if (!isOptionNumber(value, type)) {
      report(
        where,
        'choice-value',
        `choice value ${String(value)} must be ${type === T.Integer ? 'an integer' : 'a number'} within ±2^53`,
      );
    }
    if (names.has(name) || values.has(value))
      report(where, 'choice-duplicate', `choice ${JSON.stringify(name)} repeats a name or value`);
    names.add(name);
    values.add(value);
  }
}

/** Discord counts name, description, choice names and string choice values (the longest localization of each). */
export function totalCharacters(item: LooseOption): number {
  let total =
    longest(item.name, item.name_localizations) + longest(item.description, item.description_localizations);
  if (Array.isArray(item.choices)) {
    for (const choice of item.choices as LooseChoice[]) {
      total += longest(choice.name, choice.name_localizations);
      if (typeof choice.value === 'string') total += choice.value.length;
    }
  }
  if (Array.isArray(item.options)) {
    for (const option of item.options as LooseOption[]) total += totalCharacters(option);
  }
  return total;
}

function longest(base: unknown, map: unknown): number {
  let length = typeof base === 'string' ? base.length : 0;
  for (const [, text] of localizations(map))
    if (typeof text === 'string') length = Math.max(length, text.length);
  return length;
}

function localizations(map: unknown): [string, unknown][] {
  return map !== null && typeof map === 'object' ? Object.entries(map) : [];
}

function isOptionNumber(value: unknown, type: number): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) return false;
  if (Math.abs(value) > COMMAND_LIMITS.numberMagnitude) return false;
  return type !== T.Integer || Number.isInteger(value);
}

function describeLength(value: unknown): string {
  return typeof value === 'string' ? `${value.length}` : typeof value;
}
