/**
 * The gateway's abuse protection: per-user and per-guild limits shared by all replicas through Redis.
 * Autocomplete fires on every keystroke, so it gets its own counters with three times the allowance
 * instead of eating into the budget for real commands.
 */
import { InteractionRateLimits, type RateLimitRule, type Redis } from '@timekeeper/storage/gateway';
import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import type { Rate } from './config';
import type { RateLimitCheck } from './router/dispatcher';

export const AUTOCOMPLETE_ALLOWANCE_FACTOR = 3;

export interface RateLimitSettings {
  readonly user: Rate | null;
  readonly guild: Rate | null;
}

function toRule(rate: Rate | null, factor = 1): RateLimitRule | null {
  return rate === null
    ? null
    : { points: rate.points * factor, durationSeconds: Math.max(1, Math.round(rate.durationMs / 1000)) };
}

/** The dispatcher's rate-limit check, or undefined when both limits are off. */
export function createRateLimitCheck(redis: Redis, settings: RateLimitSettings): RateLimitCheck | undefined {
  if (settings.user === null && settings.guild === null) return undefined;
  const commands = new InteractionRateLimits(redis, {
    user: toRule(settings.user),
    guild: toRule(settings.guild),
  });
  const autocomplete = new InteractionRateLimits(redis, {
    user: toRule(settings.user, AUTOCOMPLETE_ALLOWANCE_FACTOR),
    guild: toRule(settings.guild, AUTOCOMPLETE_ALLOWANCE_FACTOR),
    family: 'autocomplete',
  });
  return (interaction: APIInteraction) => {
    const userId = interaction.member?.user.id ?? interaction.user?.id;
    if (!userId) return Promise.resolve({ allowed: true });
    const limits =
      interaction.type === InteractionType.ApplicationCommandAutocomplete ? autocomplete : commands;
    return limits.consume({ userId, guildId: interaction.guild_id ?? null });
  };
}
