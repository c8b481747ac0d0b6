/**
 * Per-member preferences in a guild that are not time data: for now, whether a member muted the
 * "still clocked in" reminders. Written directly (through the breaker).
 */
import type { Redis } from 'ioredis';
import { guildPrefix } from '../model/keys';

export const preferenceKeys = {
  /** hash: user id → instant (ms) the member muted reminders */
  remindersMuted: (guildId: string): string => `${guildPrefix(guildId)}prefs:reminders-muted`,
};

export async function setRemindersMuted(
  redis: Redis,
  guildId: string,
  userId: string,
  muted: boolean,
  at: number,
): Promise<void> {
  if (muted) await redis.hset(preferenceKeys.remindersMuted(guildId), userId, String(at));
  else await redis.hdel(preferenceKeys.remindersMuted(guildId), userId);
}

export async function remindersMuted(redis: Redis, guildId: string, userId: string): Promise<boolean> {
  return (await redis.hexists(preferenceKeys.remindersMuted(guildId), userId)) === 1;
}
