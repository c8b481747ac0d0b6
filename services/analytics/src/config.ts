/** The analytics service's environment fields (README: configuration table). */
import { envField, envFields, parseNonEmpty } from '@timekeeper/service-kit';

export const analyticsEnv = {
  REDIS_URL: envFields.redisUrl(),
  DISCORD_TOKEN: envFields.discordToken().optional(),
  DISCORD_API_URL: envFields.discordApiUrl(),
  CUSTOM_ID_SECRET: envFields.customIdSecret(),
  /** Tests and the sandbox: a file holding an offset (ms) added to the system clock. */
  CLOCK_OFFSET_FILE: envField(parseNonEmpty).optional(),
};
