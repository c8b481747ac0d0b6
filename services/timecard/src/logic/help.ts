/**
 * `/help`: which commands a member may use. Every registered command has a level here (a test holds
 * it), so a new command is never left out of /help. Levels match the checks the services make:
 * managers are Administrator, Manage Server or a manager role (`isManager`); "admin" commands set the
 * server up and are gated the same way, but Discord shows them by default only to Manage Server.
 */
import { COMMAND_DEFINITIONS, type ChatInputCommandDefinition } from '@timekeeper/contracts';
import { PermissionFlagsBits } from 'discord-api-types/v10';

export type HelpLevel = 'member' | 'manager' | 'admin';

export const COMMAND_LEVELS: Readonly<Record<string, HelpLevel>> = {
  clockin: 'member',
  clockout: 'member',
  status: 'member',
  dashboard: 'member',
  whoclocked: 'member',
  leaderboard: 'member',
  insights: 'member',
  export: 'member',
  request: 'member',
  help: 'member',
  forceclockout: 'manager',
  timesheet: 'manager',
  admin: 'admin',
  config: 'admin',
  activitylog: 'admin',
};

/** The member's level: admin (Administrator or Manage Server), manager (a manager role) or member. */
export function helpLevel(permissions: string | undefined, manager: boolean): HelpLevel {
  const bits = permissions !== undefined && /^\d+$/.test(permissions) ? BigInt(permissions) : 0n;
  if ((bits & (PermissionFlagsBits.Administrator | PermissionFlagsBits.ManageGuild)) !== 0n) return 'admin';
  return manager ? 'manager' : 'member';
}

export interface HelpLine {
  readonly level: HelpLevel;
  /** `/timesheet list|edit|…` for commands with subcommands. */
  readonly usage: string;
  readonly description: string;
}

function usage(def: ChatInputCommandDefinition): string {
  const subs = (def.options ?? []).filter((o) => o.type === 1 || o.type === 2).map((o) => o.name);
  return subs.length ? `/${def.name} ${subs.join('|')}` : `/${def.name}`;
}

/** The commands a member of `level` may use, grouped by level in registration order. */
export function helpLines(level: HelpLevel): HelpLine[] {
  // Server set-up commands accept manager roles too (the same check); only Discord's default visibility differs.
  const allowed: HelpLevel[] = level === 'member' ? ['member'] : ['member', 'manager', 'admin'];
  return COMMAND_DEFINITIONS.flatMap((def) => {
    const commandLevel = COMMAND_LEVELS[def.name];
    return commandLevel && allowed.includes(commandLevel)
      ? [{ level: commandLevel, usage: usage(def), description: def.description }]
      : [];
  });
}
