/** The admin service's environment, beside the variables every service reads (README: configuration). */
import { envField, envFields, parseNonEmpty, type ServiceConfig } from '@timekeeper/service-kit';

export const adminEnv = {
  REDIS_URL: envFields.redisUrl(),
  CUSTOM_ID_SECRET: envFields.customIdSecret(),
  // Without a token the commands still work; the activity log just cannot be posted.
  DISCORD_TOKEN: envFields.discordToken().optional(),
  DISCORD_API_URL: envFields.discordApiUrl(),
  CLOCK_OFFSET_FILE: envField(parseNonEmpty).optional(),
};

export type AdminConfig = ServiceConfig<typeof adminEnv>;
