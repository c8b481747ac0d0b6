/** How a Discord REST failure should be treated by a worker. Pure. */
import { DiscordAPIError, HTTPError, RateLimitError } from '@discordjs/rest';

export type FailureKind =
  /** 403 / 50013: Timekeeper lacks Manage Roles, or the role is at or above its own. Admins must act. */
  | 'forbidden'
  /** 10011: the role was deleted. Admins must pick another. */
  | 'unknown-role'
  /** 10007 / 10013: the member left (or the user is gone). Nothing to do. */
  | 'unknown-member'
  /** 50007: the member does not accept DMs from this server. */
  | 'dm-closed'
  /** Other 4xx: the request itself is wrong; retrying will not help. */
  | 'rejected'
  /** 5xx, network errors, rate limits: try again later. */
  | 'transient';

export const DISCORD_CODES = {
  unknownMember: 10007,
  unknownRole: 10011,
  unknownUser: 10013,
  cannotDmUser: 50007,
  missingPermissions: 50013,
  missingAccess: 50001,
} as const;

export function classifyDiscordError(error: unknown): FailureKind {
  if (error instanceof DiscordAPIError) {
    switch (error.code) {
      case DISCORD_CODES.missingPermissions:
      case DISCORD_CODES.missingAccess:
        return 'forbidden';
      case DISCORD_CODES.unknownRole:
        return 'unknown-role';
      case DISCORD_CODES.unknownMember:
      case DISCORD_CODES.unknownUser:
        return 'unknown-member';
      case DISCORD_CODES.cannotDmUser:
        return 'dm-closed';
      default:
        if (error.status >= 500 || error.status === 429) return 'transient';
        return error.status === 403 ? 'forbidden' : 'rejected';
    }
  }
  if (error instanceof HTTPError) return error.status >= 500 ? 'transient' : 'rejected';
  if (error instanceof RateLimitError) return 'transient';
  return 'transient';
}
