import type { Redis } from 'ioredis';
import { CorruptDataError, WriteContentionError } from '../errors';
import { keys } from '../model/keys';
import type { EventIdConflict } from '../model/outcomes';
import type { TxPlan } from '../model/plan';
import type { Category, GuildSettings } from '../model/types';
import type { ApplyReply, PlannedWrite } from '../redis/group-commit';

export interface SettingsSnapshot {
  readonly settings: GuildSettings;
  /** The settings hash's `rev` field as read; null = never written (defaults). */
  readonly rev: string | null;
}

export interface CategoriesSnapshot {
  readonly rev: string | null;
  readonly byKey: ReadonlyMap<string, Category>;
}

/** What repository functions need from the outside: Redis behind the breaker, and cached snapshots. */
export interface Backend {
  /** Runs a Redis call through the circuit breaker. */
  call<T>(fn: (redis: Redis) => Promise<T>): Promise<T>;
  /**
   * Applies one planned write through the apply script, in a batch with the server's other writes of
   * the moment (redis/group-commit.ts); its own verdict comes back.
   */
  apply(guildId: string, write: PlannedWrite): Promise<ApplyReply>;
  /** Settings, from the cache unless `fresh`. */
  settings(guildId: string, fresh: boolean): Promise<SettingsSnapshot>;
  /** Categories, from the cache unless `fresh`. */
  categories(guildId: string, fresh: boolean): Promise<CategoriesSnapshot>;
  /** Drops this process's cached data of a guild (its data changed under a guard). */
  forgetLocal(guildId: string): void;
  /**
   * The active-session JSON this process last wrote for a user, if it remembers one. Only a hint: the
   * write script guards on it, so a wrong hint costs a retry, never a wrong result.
   */
  activeHint(guildId: string, userId: string): string | undefined;
  rememberActive(guildId: string, userId: string, raw: string | null): void;
  /**
   * The member's last end (`keys.lastEnds` field) as this process last wrote it, if it remembers one;
   * a hint like `activeHint`, guarded by the write that uses it. Optional: without it, clock-in reads.
   */
  lastEndHint?(guildId: string, userId: string): string | undefined;
  rememberLastEnd?(guildId: string, userId: string, raw: string): void;
  /** How long processed event ids are remembered. */
  readonly eventTtlMs: number;
  /** Storage's clock (`StorageOptions.now`): the "now" that bounds the instants a write or read may name. */
  now(): number;
}

export interface BuiltWrite<O> {
  readonly plan: TxPlan;
  readonly outcome: O;
}

export interface WriteDone<O> {
  readonly outcome: O | EventIdConflict;
  readonly replayed: boolean;
}

const MAX_ATTEMPTS = 40;

/**
 * Optimistic write: build a plan from what was read, let the script check that nothing changed and
 * apply it atomically; when something did change (`stale`), read again and rebuild. Attempt 0 may use
 * cached settings and categories; later attempts read fresh.
 */
export async function runWrite<O>(
  backend: Backend,
  operation: string,
  guildId: string,
  eventId: string,
  build: (fresh: boolean) => Promise<BuiltWrite<O>>,
): Promise<WriteDone<O>> {
  const eventKey = keys.processedEvent(guildId, eventId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const { plan, outcome } = await build(attempt > 0);
    const [status, payload] = await backend.apply(guildId, {
      eventKey,
      outcome: JSON.stringify({ op: operation, outcome }),
      ttlMs: backend.eventTtlMs,
      plan,
    });
    if (status === 'ok') return { outcome, replayed: false };
    if (status === 'replay') {
      const stored = JSON.parse(payload) as { op: string; outcome: O };
      if (stored.op !== operation) {
        return {
          outcome: {
            ok: false,
            code: 'EVENT_ID_CONFLICT',
            message: `event id ${eventId} was used for ${stored.op}`,
          },
          replayed: true,
        };
      }
      return { outcome: stored.outcome, replayed: true };
    }
    backend.forgetLocal(guildId);
    // Contending writers back off (exponential, jittered) so they stop colliding on the same guard.
    if (attempt > 0)
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
  }
  throw new WriteContentionError(operation, MAX_ATTEMPTS);
}

export function parseJson<T>(key: string, raw: string): T {
  try {
    return JSON.parse(raw) as T;
  } catch (error) {
    throw new CorruptDataError(key, error);
  }
}
