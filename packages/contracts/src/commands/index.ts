import { activitylogCommand } from './activitylog';
import { adminCommand } from './admin';
import { clockinCommand } from './clockin';
import { clockoutCommand } from './clockout';
import { configCommand } from './config';
import { dashboardCommand } from './dashboard';
import { exportCommand } from './export';
import { forceclockoutCommand } from './forceclockout';
import { helpCommand } from './help';
import { insightsCommand } from './insights';
import { leaderboardCommand } from './leaderboard';
import { statusCommand } from './status';
import { requestCommand } from './request';
import { timesheetCommand } from './timesheet';
import { whoclockedCommand } from './whoclocked';
import type { ChatInputCommandDefinition } from './types';

export * from './activitylog';
export * from './admin';
export * from './clockin';
export * from './clockout';
export * from './config';
export * from './dashboard';
export * from './export';
export * from './forceclockout';
export * from './help';
export * from './insights';
export * from './leaderboard';
export * from './status';
export * from './request';
export * from './timesheet';
export * from './whoclocked';
export { MANAGER_PERMISSIONS } from './shared';
export type { ChatInputCommandDefinition } from './types';
export * from './validate';

/** Every slash command, in the order users see them. Register exactly this list (bulk overwrite). */
export const COMMAND_DEFINITIONS: readonly ChatInputCommandDefinition[] = [
  clockinCommand,
  clockoutCommand,
  statusCommand,
  dashboardCommand,
  whoclockedCommand,
  leaderboardCommand,
  insightsCommand,
  exportCommand,
  forceclockoutCommand,
  requestCommand,
  timesheetCommand,
  adminCommand,
  configCommand,
  activitylogCommand,
  helpCommand,
];

/** A definition for guild-scoped registration, which takes no `contexts` / `integration_types`. */
export function toGuildCommandBody(
  def: ChatInputCommandDefinition,
): Omit<ChatInputCommandDefinition, 'contexts' | 'integration_types'> {
  const { contexts: _contexts, integration_types: _integrationTypes, ...rest } = def;
  return rest;
}
