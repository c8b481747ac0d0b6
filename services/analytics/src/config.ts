/** The analytics service's environment fields (README: configuration table). */
import { envFields } from '@timekeeper/service-kit';

export const analyticsEnv = {
  REDIS_URL: envFields.redisUrl(),
  DISCORD_TOKEN: envFields.discordToken().optional(),
  DISCORD_API_URL: envFields.discordApiUrl(),
  CUSTOM_ID_SECRET: envFields.customIdSecret(),
};
