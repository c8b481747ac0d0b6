import { defineService, envFields, packageVersion } from '@timekeeper/service-kit';

export const adminService = defineService({
  name: 'admin',
  version: packageVersion(__dirname),
  description: 'Categories, configuration, permissions, activity log and system health',
  env: {
    REDIS_URL: envFields.redisUrl(),
    // Validated when present; this service does not call Discord yet.
    DISCORD_TOKEN: envFields.discordToken().optional(),
    DISCORD_API_URL: envFields.discordApiUrl(),
  },
});
