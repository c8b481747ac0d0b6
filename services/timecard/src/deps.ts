/** What every handler of the timecard service works with, plus the checks they all share. */
import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import { ErrorCode, type CustomIdCodec } from '@timekeeper/contracts';
import {
  InteractionError,
  isManager,
  type Clock,
  type InteractionScope,
  type Logger,
} from '@timekeeper/service-kit';
import {
  isUnavailable,
  StorageError,
  type Category,
  type GuildSettings,
  type ReadResult,
  type StorageApi,
  type WriteResult,
} from '@timekeeper/storage';
import type { ClockEffects } from './flows/effects';
import type { CustomIds } from './ids';
import { categoryNames, type CategoryNames } from './views/names';

export interface TimecardDeps {
  readonly storage: StorageApi;
  readonly nc: NatsConnection;
  readonly api: API;
  readonly codec: CustomIdCodec;
  readonly ids: CustomIds;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly effects: ClockEffects;
}

const UNAVAILABLE_TEXT =
  "Timekeeper's storage is not answering right now. Nothing was changed; please try again in a moment.";

/** The value of a read, or a friendly refusal when storage cannot answer. */
export function valueOf<T>(result: ReadResult<T>): T {
  if (result.ok) return result.value;
  if (result.code === 'UNAVAILABLE') throw new InteractionError(ErrorCode.UNAVAILABLE, UNAVAILABLE_TEXT);
  throw new InteractionError(ErrorCode.INVALID_INPUT, result.message);
}

/** Runs a storage write; infrastructure failures become a friendly "try again" (nothing was accepted). */
export async function write<O>(run: () => Promise<WriteResult<O>>): Promise<WriteResult<O>> {
  try {
    return await run();
  } catch (error) {
    if (isUnavailable(error) || error instanceof StorageError) {
      throw new InteractionError(ErrorCode.UNAVAILABLE, UNAVAILABLE_TEXT);
    }
    throw error;
  }
}

/** All categories of the guild (archived too, for names of old sessions) and their names. */
export async function loadCategories(
  deps: Pick<TimecardDeps, 'storage'>,
  guildId: string,
): Promise<{ categories: Category[]; names: CategoryNames }> {
  const categories = valueOf(await deps.storage.listCategories(guildId, true));
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
  const settings = valueOf(await deps.storage.getSettings(scope.guildId));
  if (!isManager(scope.member, settings.managerRoleIds)) {
    throw new InteractionError(
      ErrorCode.FORBIDDEN,
      'Only managers (Manage Server, Administrator or a manager role) can manage timesheets. Nothing was changed.',
    );
  }
  return settings;
}
