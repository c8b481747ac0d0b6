import type { REST } from '@discordjs/rest';
import { COMMAND_DEFINITIONS, toGuildCommandBody } from '@timekeeper/contracts';
import { Routes, type APIApplicationCommand } from 'discord-api-types/v10';
import { sameCommands } from './compare';

export interface RegisterCommandsOptions {
  readonly rest: REST;
  readonly applicationId: string;
  /** Register in this guild only (instant, for development); globally when undefined. */
  readonly guildId?: string | undefined;
  /** Overwrite even when Discord already has the same commands. */
  readonly force?: boolean;
}

export interface RegisterCommandsResult {
  readonly scope: string;
  /** False when Discord already had exactly these commands and nothing was sent. */
  readonly changed: boolean;
  readonly count: number;
}

/** Bulk-overwrites Discord's command list with `COMMAND_DEFINITIONS`, unless it already matches. */
export async function registerCommands(options: RegisterCommandsOptions): Promise<RegisterCommandsResult> {
  const { rest, applicationId, guildId } = options;
  const route = guildId
    ? Routes.applicationGuildCommands(applicationId, guildId)
    : Routes.applicationCommands(applicationId);
  const body = guildId ? COMMAND_DEFINITIONS.map(toGuildCommandBody) : [...COMMAND_DEFINITIONS];
  const scope = guildId ? `guild ${guildId}` : 'global';
  if (!options.force) {
    const current = (await rest.get(route)) as APIApplicationCommand[];
    if (sameCommands(body, current)) return { scope, changed: false, count: body.length };
  }
  await rest.put(route, { body });
  return { scope, changed: true, count: body.length };
}
