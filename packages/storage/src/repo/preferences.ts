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
