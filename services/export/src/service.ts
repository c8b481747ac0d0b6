import { answerNotBuiltYet, defineService, envFields, packageVersion } from '@timekeeper/service-kit';

export const exportService = defineService({
  name: 'export',
  version: packageVersion(__dirname),
  description: 'CSV, PDF and DOCX reports',
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
      'export',
      "Exports aren't available in this version of Timekeeper yet. Your tracked time is safe and can be exported once they are.",
    ),
});
