/** The timecard service's environment, beside the variables every service reads (README: configuration). */
import { envField, envFields, parseNonEmpty, type ServiceConfig } from '@timekeeper/service-kit';

export const timecardEnv = {
  REDIS_URL: envFields.redisUrl(),
  DISCORD_TOKEN: envFields.discordToken(),
  DISCORD_API_URL: envFields.discordApiUrl(),
  CUSTOM_ID_SECRET: envFields.customIdSecret(),
  /** Tests and demos move the clock (reminders, forgotten clock-outs) through this file. */
  CLOCK_OFFSET_FILE: envField(parseNonEmpty).optional(),
};

export type TimecardConfig = ServiceConfig<typeof timecardEnv>;
