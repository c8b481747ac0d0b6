/** What every handler of the timecard service works with, plus the checks they all share. */
import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import { ErrorCode, type CustomIdCodec } from '@timekeeper/contracts';
import {
  InteractionError,
  readValue,
  type Clock,
  type InteractionScope,
  type Logger,
} from '@timekeeper/service-kit';
import type { Category, StorageApi } from '@timekeeper/storage';
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
