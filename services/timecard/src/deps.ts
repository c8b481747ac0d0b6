/** What every handler of the timecard service works with, plus the checks they all share. */
import { ErrorCode } from '@timekeeper/contracts';
import {
  InteractionError,
  isManager,
  readValue,
  type InteractionDeps,
  type InteractionScope,
} from '@timekeeper/service-kit';
import type { Category, GuildSettings } from '@timekeeper/storage';
import type { ClockEffects } from './flows/effects';
import type { CustomIds } from './ids';
import { categoryNames, type CategoryNames } from './views/names';

export interface TimecardDeps extends InteractionDeps {
  readonly ids: CustomIds;
  readonly effects: ClockEffects;
}

/** All categories of the guild (archived too, for names of old sessions) and their names. */
export async function loadCategories(
  deps: Pick<TimecardDeps, 'storage'>,
  guildId: string,
): Promise<{ categories: Category[]; names: CategoryNames }> {
  const categories = readValue(await deps.storage.listCategories(guildId, true));
  return { categories, names: categoryNames(categories) };
}

/** A component made in another server is refused before anything is read. */
export function requireSameGuild(scope: InteractionScope, guildId: string | undefined): void {
  if (guildId !== scope.guildId) {
    throw new InteractionError(
      ErrorCode.FORBIDDEN,
      'This button belongs to another server, so it does nothing here. Nothing was changed.',
    );
  }
}

/** Buttons made for one member (their "already clocked in" answer, their menu) refuse everyone else. */
export function requireOwner(scope: InteractionScope, userId: string | undefined): void {
  if (userId !== scope.userId) {
    throw new InteractionError(
      ErrorCode.FORBIDDEN,
      'These buttons belong to someone else. Use `/clockin` or a dashboard to get your own. Nothing was changed.',
    );
  }
}

/** Timesheet management is for managers (Manage Server, Administrator or a manager role); checked on every use. */
export async function requireManager(
  deps: Pick<TimecardDeps, 'storage'>,
  scope: InteractionScope,
): Promise<GuildSettings> {
  const settings = readValue(await deps.storage.getSettings(scope.guildId));
  if (!isManager(scope.member, settings.managerRoleIds)) {
    throw new InteractionError(
      ErrorCode.FORBIDDEN,
      'Only managers (Manage Server, Administrator or a manager role) can manage timesheets. Nothing was changed.',
    );
  }
  return settings;
}
