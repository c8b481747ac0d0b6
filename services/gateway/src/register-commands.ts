/**
 * `pnpm register-commands`: registers the slash commands (globally, or in DEV_GUILD_ID when set) and
 * exits; nothing is sent when Discord already has the same commands. `--force` overwrites anyway.
 */
import { REST } from '@discordjs/rest';
import { envField, envFields, loadConfigOrExit, parseSnowflake } from '@timekeeper/service-kit';
import { z } from 'zod';
import { registerCommands } from './registration/register';

async function main(): Promise<void> {
  const config = loadConfigOrExit(
    z.object({
      DISCORD_TOKEN: envFields.discordToken(),
      DISCORD_APPLICATION_ID: envFields.discordApplicationId(),
      DISCORD_API_URL: envFields.discordApiUrl(),
      DEV_GUILD_ID: envField(parseSnowflake).optional(),
    }),
    process.env,
    'register-commands',
  );
  const rest = new REST({ api: config.DISCORD_API_URL }).setToken(config.DISCORD_TOKEN);
  const result = await registerCommands({
    rest,
    applicationId: config.DISCORD_APPLICATION_ID,
    guildId: config.DEV_GUILD_ID,
    force: process.argv.includes('--force'),
  });
  process.stdout.write(
    result.changed
      ? `registered ${result.count} commands (${result.scope})\n`
      : `${result.count} commands already registered (${result.scope}); nothing sent\n`,
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`register-commands: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
