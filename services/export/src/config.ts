/** The export service's environment (README: configuration table). */
import { envField, envFields, parseNonEmpty } from '@timekeeper/service-kit';

export const exportEnv = {
  REDIS_URL: envFields.redisUrl(),
  /** Member and server names for the report, and DMs when the reply's token has expired. */
  DISCORD_TOKEN: envFields.discordToken(),
  DISCORD_API_URL: envFields.discordApiUrl(),
  /** Verifies custom_ids routed here (the export has no buttons yet; the router checks every one). */
  CUSTOM_ID_SECRET: envFields.customIdSecret(),
  /** Tests move the service's clock (e.g. past a reply token's 15 minutes) through this file. */
  CLOCK_OFFSET_FILE: envField(parseNonEmpty).optional(),
};
