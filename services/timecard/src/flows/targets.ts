/**
 * Who is below target: every member who ever tracked time here (the all-time board, at most
 * `MAX_MEMBERS`) or is clocked in, their roles from Discord, their time in the current week or month
 * (finished sessions plus the running one) against the highest target among their roles. Shared by
 * `/timesheet targets` and the reminder worker.
 */
import type { API } from '@discordjs/core/http-only';
import { memberTargets, type Target, type TargetPeriod } from '@timekeeper/contracts';
import { readValue, publishJob } from '@timekeeper/service-kit';
import type { NatsConnection } from '@nats-io/transport-node';
import { periodRange, type GuildSettings, type StorageApi } from '@timekeeper/storage';
import { rolesOf } from './pay';

/** Members looked at per check. */
export const MAX_MEMBERS = 500;
const PAGE = 100;

export interface TargetStanding {
  readonly userId: string;
  readonly trackedMs: number;
  readonly target: Target & { readonly roleId: string };
}

export interface PeriodTargets {
  readonly period: TargetPeriod;
  readonly range: { readonly from: number; readonly to: number; readonly id: string };
  /** Members with a target this period, least progress first. */
  readonly standings: readonly TargetStanding[];
}

export function hasTargets(settings: GuildSettings, period: TargetPeriod): boolean {
  return Object.values(settings.targets).some((t) => t.period === period);
}

async function candidates(storage: StorageApi, guildId: string, now: number): Promise<string[]> {
  const ids = new Set<string>();
  for (let offset = 0; offset < MAX_MEMBERS; offset += PAGE) {
    const page = readValue(
      await storage.leaderboard(guildId, { period: 'all', at: now, offset, limit: PAGE }),
    );
    for (const entry of page.entries) ids.add(entry.userId);
    if (page.entries.length < PAGE) break;
  }
  for (const active of readValue(await storage.activeSessions(guildId))) ids.add(active.userId);
  return [...ids];
}

/** Members with a `period` target and their time so far in the period containing `at`. */
export async function targetStandings(
  deps: { readonly storage: StorageApi; readonly api: API },
  guildId: string,
  settings: GuildSettings,
  period: TargetPeriod,
  at: number,
  now: number,
): Promise<PeriodTargets> {
  const range = periodRange(period, at, settings);
  if (!hasTargets(settings, period)) return { period, range, standings: [] };
  const until = Math.max(range.from + 1, Math.min(now, range.to));
  const [ids, sessions, active] = await Promise.all([
    candidates(deps.storage, guildId, now),
    deps.storage.sessionsOverlapping(guildId, { from: range.from, to: until }).then(readValue),
    deps.storage.activeSessions(guildId).then(readValue),
  ]);
  const tracked = new Map<string, number>();
  const add = (userId: string, ms: number): void => {
    tracked.set(userId, (tracked.get(userId) ?? 0) + ms);
  };
  for (const s of sessions) add(s.userId, s.clippedMs);
  for (const a of active) add(a.userId, Math.max(0, until - Math.max(a.start, range.from)));
  const roles = await rolesOf(deps.api, guildId, ids);
  const standings: TargetStanding[] = [];
  for (const userId of ids) {
    const target = memberTargets(settings.targets, roles.get(userId) ?? [])[period];
    if (target) standings.push({ userId, trackedMs: tracked.get(userId) ?? 0, target });
  }
  standings.sort(
    (a, b) =>
      a.trackedMs / a.target.minutes - b.trackedMs / b.target.minutes || (a.userId < b.userId ? -1 : 1),
  );
  return { period, range, standings };
}

export const isBelow = (s: TargetStanding): boolean => s.trackedMs < s.target.minutes * 60_000;

/** When the reminder for the period containing `at` is due: the configured hours before it ends. */
export function reminderDueAt(settings: GuildSettings, period: TargetPeriod, at: number): number | null {
  if (settings.targetReminderHours === null) return null;
  const range = periodRange(period, at, settings);
  return Math.max(range.from, range.to - settings.targetReminderHours * 3_600_000);
}

/**
 * Queues the `period` reminder of the period containing `at` when the server has targets for it and
 * the reminder is on. The job id is deterministic, so queuing it again is a no-op.
 */
export async function queueTargetReminder(
  nc: NatsConnection,
  guildId: string,
  settings: GuildSettings,
  period: TargetPeriod,
  at: number,
  now: number,
): Promise<void> {
  const fireAt = reminderDueAt(settings, period, at);
  if (fireAt === null || !hasTargets(settings, period)) return;
  await publishJob(nc, {
    v: 1,
    kind: 'target.remind',
    jobId: `target:${guildId}:${period}:${fireAt}`,
    guildId,
    enqueuedAt: now,
    period,
    fireAt,
  });
}
