/**
 * Checks a chat-input command definition against Discord's documented limits before registration,
 * so a bad definition fails a unit test instead of a deploy. Returns every problem found (empty = valid).
 */
import {
  ApplicationCommandType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord-api-types/v10';
import { COMMAND_LIMITS } from '../limits';
import {
  checkNameAndDescription,
  checkOptions,
  CONTEXTS,
  INTEGRATION_TYPES,
  totalCharacters,
  type CommandProblem,
  type CommandRule,
  type LooseOption,
  type Report,
} from './validate-options';

export { COMMAND_NAME_PATTERN, type CommandProblem, type CommandRule } from './validate-options';

export function validateCommandDefinition(
  def: RESTPostAPIChatInputApplicationCommandsJSONBody,
): CommandProblem[] {
  const problems: CommandProblem[] = [];
  const cmd = def as unknown as LooseOption & Record<string, unknown>;
  const path = typeof cmd.name === 'string' && cmd.name !== '' ? cmd.name : '(unnamed)';
  const report = (at: string, rule: CommandRule, message: string): void =>
    void problems.push({ path: at, rule, message });

  if (cmd.type !== undefined && cmd.type !== ApplicationCommandType.ChatInput) {
    report(
      path,
      'type',
      `command type must be ${ApplicationCommandType.ChatInput} (chat input), got ${String(cmd.type)}`,
    );
  }
  checkNameAndDescription(cmd, path, report);

  const perms = cmd['default_member_permissions'];
  if (perms !== undefined && perms !== null && (typeof perms !== 'string' || !/^\d+$/.test(perms))) {
    report(
      path,
      'permissions',
      'default_member_permissions must be a string of digits (a permission bit set) or null',
    );
  }
  checkEnumArray(cmd['contexts'], CONTEXTS, 'contexts', path, report);
  checkEnumArray(cmd['integration_types'], INTEGRATION_TYPES, 'integration_types', path, report);

  checkOptions(cmd.options, path, 'command', report);

  const total = totalCharacters(cmd);
  if (total > COMMAND_LIMITS.totalCharacters) {
    report(
      path,
      'total-length',
      `names, descriptions and choices total ${total} characters; the limit is ${COMMAND_LIMITS.totalCharacters}`,
    );
  }
  return problems;
}

/** Validates a whole set: each definition, plus unique names and the per-application count. */
export function validateCommandDefinitions(
  defs: readonly RESTPostAPIChatInputApplicationCommandsJSONBody[],
): CommandProblem[] {
  const problems = defs.flatMap((def) => validateCommandDefinition(def));
  const seen = new Set<string>();
  for (const def of defs) {
    if (seen.has(def.name))
      problems.push({
        path: def.name,
        rule: 'duplicate-command',
        message: `command '${def.name}' is defined twice`,
      });
    seen.add(def.name);
  }
  if (defs.length > COMMAND_LIMITS.chatInputCommands) {
    problems.push({
      path: '(all)',
      rule: 'commands-count',
      message: `${defs.length} commands; the limit is ${COMMAND_LIMITS.chatInputCommands}`,
    });
  }
  return problems;
}

function checkEnumArray(
  value: unknown,
  allowed: Set<number>,
  label: string,
  path: string,
  report: Report,
): void {
  if (value === undefined || value === null) return;
  if (!Array.isArray(value) || value.length === 0 || value.some((v) => !allowed.has(v as number))) {
    report(path, 'contexts', `${label} must be a non-empty array of ${[...allowed].join(', ')}`);
  }
}
