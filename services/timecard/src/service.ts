import { defineService, envFields, packageVersion } from '@timekeeper/service-kit';

export const timecardService = defineService({
  name: 'timecard',
  version: packageVersion(__dirname),
  description: 'Clock in and out, status, dashboards, force clock-out, roles, reminders and auto clock-out',
  env: {
    REDIS_URL: envFields.redisUrl(),
    // Validated when present; this service does not call Discord yet.
    DISCORD_TOKEN: envFields.discordToken().optional(),
    DISCORD_API_URL: envFields.discordApiUrl(),
  },
});
