/** What every worker shares: dependencies, options, metrics, and the side effects they have in common. */
import type { API } from '@discordjs/core/http-only';
import type { NatsConnection } from '@nats-io/transport-node';
import type { CustomIdCodec, Job } from '@timekeeper/contracts';
import { publishJob, type Clock, type Logger } from '@timekeeper/service-kit';
import type { ActiveSession, GuildSettings, StorageApi } from '@timekeeper/storage';
import type { Registry } from 'prom-client';
import { timecardMetrics } from '../metrics';
import { classifyDiscordError } from './discord-errors';
import { DEFAULT_GRACE_MS, jobIds } from './schedule';
import type { MessageBody } from './messages';

export interface WorkerDeps {
  nc: NatsConnection;
  storage: StorageApi;
  /** From `@discordjs/core/http-only` (`createDiscordApi`). */
  api: API;
  codec: CustomIdCodec;
  /** Always the clock, never `Date.now()`: e2e tests move it forward. */
  clock: Clock;
  logger: Logger;
  registry: Registry;
}

export interface WorkerOptions {
  /** How long "Still working?" waits for an answer. Default 1 h. */
  readonly graceMs: number;
  /** Longest single wait for a job that is not yet due (the clock may jump in tests). Default 60 s. */
  readonly maxWaitMs: number;
  /** Back-off base for failed attempts (Discord 5xx, Redis down). Default 1 s. */
  readonly retryBaseMs: number;
  /** Attempts before a failing job is given up (logged and counted). Default 8. */
  readonly maxAttempts: number;
}

export const DefaultWorkerOptions: WorkerOptions = {
  graceMs: DEFAULT_GRACE_MS,
  maxWaitMs: 60_000,
  retryBaseMs: 1_000,
  maxAttempts: 8,
};

export type WorkerName = 'roles' | 'dm' | 'reminders' | 'session-check' | 'interactions' | 'targets';

export interface WorkerContext extends WorkerDeps {
  readonly options: WorkerOptions;
  count(worker: WorkerName, outcome: string): void;
}

export function createContext(deps: WorkerDeps, options: Partial<WorkerOptions> = {}): WorkerContext {
  const counter = timecardMetrics(deps.registry).workerOutcomes;
  return {
    ...deps,
    options: { ...DefaultWorkerOptions, ...options },
    count: (worker, outcome) => counter.inc({ worker, outcome }),
  };
}

/** The roles a session in `category` carries: the guild-wide one and the category's own. */
export function sessionRoles(settings: GuildSettings, category: string): string[] {
  const ids = [settings.roles.guildRoleId, settings.roles.categoryRoleIds[category] ?? null];
  return [...new Set(ids.filter((id): id is string => id !== null))];
}

/** After Timekeeper ends a session itself (DM clock-out, auto-close): queue removing its roles. */
export async function queueRoleRemovals(
  ctx: WorkerContext,
  session: Pick<ActiveSession, 'guildId' | 'userId' | 'id' | 'category'>,
  settings: GuildSettings,
  reason: string,
): Promise<void> {
  for (const roleId of sessionRoles(settings, session.category)) {
    const job: Job = {
      v: 1,
      kind: 'role.change',
      jobId: jobIds.role(session.id, 'remove', roleId),
      guildId: session.guildId,
      enqueuedAt: ctx.clock.now(),
      userId: session.userId,
      roleId,
      action: 'remove',
      reason,
    };
    await publishJob(ctx.nc, job);
  }
}

/** Sends a DM. `closed`: the member does not accept DMs (not an error; nothing to retry). */
export async function sendDm(api: API, userId: string, message: MessageBody): Promise<'sent' | 'closed'> {
  try {
    const channel = await api.users.createDM(userId);
    await api.channels.createMessage(channel.id, message);
    return 'sent';
  } catch (error) {
    if (classifyDiscordError(error) === 'dm-closed') return 'closed';
    throw error;
  }
}

/** The category's display name (its key if it has none or storage cannot say). */
export async function categoryName(ctx: WorkerContext, guildId: string, key: string): Promise<string> {
  const listed = await ctx.storage.listCategories(guildId, true);
  return (listed.ok && listed.value.find((c) => c.key === key)?.displayName) || key;
}

/** Settings or a thrown error (the job is retried with back-off while storage is unavailable). */
export async function settingsOf(ctx: WorkerContext, guildId: string): Promise<GuildSettings> {
  const read = await ctx.storage.getSettings(guildId);
  if (!read.ok) throw new Error(`settings unavailable for guild ${guildId}: ${read.message}`);
  return read.value;
}
