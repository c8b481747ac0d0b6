/**
 * `pnpm sandbox`: a local Discord (the emulator) with a demo server, and all of Timekeeper connected to
 * it through the real gateway protocol — no bot token needed. Drive it with `pnpm sandbox:do`.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { NatsServer } from '../nats-server';
import { RedisServer } from '../redis-server';
import { REPO_ROOT, writeState } from './state';
import { seedDemoGuild } from './world';

const PORT = Number(process.env.SANDBOX_PORT ?? 8090);

async function main(): Promise<void> {
  const emulator = await DiscordEmulator.start({ port: PORT, heartbeatInterval: 15_000 });
  const [redis, nats] = await Promise.all([RedisServer.start(), NatsServer.start()]);
  const world = await seedDemoGuild(emulator.control);
  writeState({ emulatorUrl: emulator.url, ...world });

  const supervisor = spawn(
    process.execPath,
    [join(REPO_ROOT, 'packages/service-kit/dist/supervisor/cli.js')],
    {
      cwd: REPO_ROOT,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: {
        ...process.env,
        REDIS_URL: redis.url,
        NATS_URL: nats.url,
        DISCORD_API_URL: emulator.apiUrl,
        DISCORD_EMULATOR: 'true',
        DISCORD_TOKEN: emulator.botToken,
        DISCORD_APPLICATION_ID: emulator.applicationId,
        DISCORD_PUBLIC_KEY: emulator.publicKey,
        GATEWAY_MODE: 'ws',
        REGISTER_COMMANDS: 'true',
        LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
      },
    },
  );

  const names = Object.keys(world.members).join(', ');
  process.stdout.write(
    [
      '',
      `Sandbox Discord on ${emulator.url} with the server "Demo Guild" (members: ${names}).`,
      'Timekeeper is starting against it. In another terminal, try:',
      '  pnpm sandbox:do --as alice "/admin categories add name:Support weight:2"',
      '  pnpm sandbox:do --as bob "/clockin category:work"',
      '  pnpm sandbox:do --as bob "/status"',
      '  pnpm sandbox:do --as bob --click "Clock out"      (a button on the last answer bob saw)',
      '  pnpm sandbox:do --as alice "/forceclockout user:@bob reason:demo"',
      'alice is the server owner (admin), bob and carol are members. Ctrl-C stops everything.',
      '',
    ].join('\n'),
  );

  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    supervisor.kill('SIGTERM');
    await new Promise((resolve) => supervisor.once('exit', resolve));
    await Promise.all([redis.destroy(), nats.destroy(), emulator.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
  supervisor.once('exit', (code) => {
    if (!stopping) {
      process.stderr.write(`Timekeeper stopped unexpectedly (code ${code}); closing the sandbox.\n`);
      void stop();
    }
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`sandbox: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
