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

export async function remindersMuted(redis: Redis, guildId: string, userId: string): Promise<boolean> {
  return (await redis.hexists(keys.remindersMuted(guildId), userId)) === 1;
}
