/**
 * Per-member preferences in a guild that are not time data: for now, whether a member muted the
 * "still clocked in" reminders. Written directly (through the breaker).
 */
import type { Redis } from 'ioredis';
import { keys } from '../model/keys';

export async function setRemindersMuted(
  redis: Redis,
  guildId: string,
  userId: string,
  muted: boolean,
  at: number,
): Promise<void> {
  if (muted) await redis.hset(keys.remindersMuted(guildId), userId, String(at));
  else await redis.hdel(keys.remindersMuted(guildId), userId);
}

/** Hides the member from others on the public boards (or shows them again). */
export async function setLeaderboardHidden(
  redis: Redis,
  guildId: string,
  userId: string,
  hidden: boolean,
  at: number,
): Promise<void> {
  if (hidden) await redis.hset(keys.leaderboardHidden(guildId), userId, String(at));
  else await redis.hdel(keys.leaderboardHidden(guildId), userId);
}

/** Which of these members hid themselves from the public boards. */
export async function leaderboardHidden(
  redis: Redis,
  guildId: string,
  userIds: readonly string[],
): Promise<Set<string>> {
  if (userIds.length === 0) return new Set();
  const found = await redis.hmget(keys.leaderboardHidden(guildId), ...userIds);
  return new Set(userIds.filter((_, i) => found[i] !== null));
}

export async function remindersMuted(redis: Redis, guildId: string, userId: string): Promise<boolean> {
  return (await redis.hexists(keys.remindersMuted(guildId), userId)) === 1;
}

/**
 * Claims the target reminder of `userId` for one period: true the first time, false after (so a
 * member is reminded once per period, however often the check runs). Kept until `expiresAt`.
 */
export async function claimTargetReminder(
  redis: Redis,
  guildId: string,
  periodId: string,
  userId: string,
  expiresAt: number,
): Promise<boolean> {
  const key = keys.targetReminded(guildId, periodId);
  const replies = await redis.multi().sadd(key, userId).pexpireat(key, expiresAt).exec();
  if (!replies) throw new Error('target reminder claim aborted');
  for (const [error] of replies) if (error) throw error;
  return replies[0]?.[1] === 1;
}
