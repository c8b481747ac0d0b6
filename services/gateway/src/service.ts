import { defineService, envFields, packageVersion } from '@timekeeper/service-kit';

export const gatewayService = defineService({
  name: 'gateway',
  version: packageVersion(__dirname),
  description:
    'Discord shards, the HTTP interactions endpoint, command registration and routing to the other services',
  env: {
    REDIS_URL: envFields.redisUrl(),
    // Discord variables are validated when present; the gateway does not connect to Discord yet.
    DISCORD_TOKEN: envFields.discordToken().optional(),
    DISCORD_APPLICATION_ID: envFields.discordApplicationId().optional(),
    DISCORD_PUBLIC_KEY: envFields.discordPublicKey().optional(),
    DISCORD_API_URL: envFields.discordApiUrl(),
    DISCORD_SHARD_COUNT: envFields.discordShardCount().optional(),
    DISCORD_SHARD_IDS: envFields.discordShardIds().optional(),
  },
});
