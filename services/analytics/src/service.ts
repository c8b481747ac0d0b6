import { answerNotBuiltYet, defineService, envFields, packageVersion } from '@timekeeper/service-kit';

export const analyticsService = defineService({
  name: 'analytics',
  version: packageVersion(__dirname),
  description: 'Leaderboards, insights, productivity score, streaks and predictions',
  env: {
    REDIS_URL: envFields.redisUrl(),
    // Validated when present; this service does not call Discord yet.
    DISCORD_TOKEN: envFields.discordToken().optional(),
    DISCORD_API_URL: envFields.discordApiUrl(),
  },
  // The commands are registered; until they are built, say so plainly.
  setup: (ctx) =>
    answerNotBuiltYet(
      ctx,
      'analytics',
      "Leaderboards and insights aren't available in this version of Timekeeper yet. Your tracked time is safe and will count once they are.",
    ),
});
