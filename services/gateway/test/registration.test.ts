import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { REST } from '@discordjs/rest';
import { COMMAND_DEFINITIONS } from '@timekeeper/contracts';
import { DiscordEmulator } from '@timekeeper/discord-emulator';
import { containsAll, sameCommands } from '../src/registration/compare';
import { registerCommands } from '../src/registration/register';

describe('containsAll / sameCommands', () => {
  it.each([
    ['equal scalars', 1, 1, true],
    ['different scalars', 'a', 'b', false],
    ['extra fields on Discord’s side', { name: 'x' }, { name: 'x', id: '1', version: '2' }, true],
    ['a field Discord lacks', { name: 'x', description: 'd' }, { name: 'x' }, false],
    [
      'false / empty defaults Discord leaves out',
      { name: 'x', required: false, options: [] },
      { name: 'x' },
      true,
    ],
    ['arrays of another length', { o: [1, 2] }, { o: [1] }, false],
    ['nested difference', { o: [{ name: 'a', type: 3 }] }, { o: [{ name: 'a', type: 4 }] }, false],
  ])('%s', (_name, wanted, actual, expected) => expect(containsAll(wanted, actual)).toBe(expected));

  it('matches by name regardless of order, and needs the same count', () => {
    const a = { name: 'a', description: 'A' };
    const b = { name: 'b', description: 'B' };
    const fromDiscord = [
      { ...b, id: '2' },
      { ...a, id: '1' },
    ];
    expect(sameCommands([a, b], fromDiscord)).toBe(true);
    expect(sameCommands([a], [a, b])).toBe(false);
    expect(sameCommands([a, b], [a, { name: 'c' }])).toBe(false);
  });
});

describe('registerCommands against the emulator', () => {
  let emulator: DiscordEmulator;
  let rest: REST;

  beforeAll(async () => {
    emulator = await DiscordEmulator.start();
    rest = new REST({ api: emulator.apiUrl }).setToken(emulator.botToken);
  });
  afterAll(() => emulator.close());

  const puts = async () => (await emulator.control.requests({ method: 'PUT' })).length;

  it('overwrites the global commands once, then skips while nothing changed', async () => {
    const applicationId = emulator.applicationId;
    expect(await registerCommands({ rest, applicationId })).toEqual({
      scope: 'global',
      changed: true,
      count: COMMAND_DEFINITIONS.length,
    });
    const registered = (await emulator.control.commands()).global.map((command) => command.name);
    expect(registered.sort()).toEqual(COMMAND_DEFINITIONS.map((command) => command.name).sort());
    expect(await registerCommands({ rest, applicationId })).toMatchObject({ changed: false });
    expect(await puts()).toBe(1);
    expect(await registerCommands({ rest, applicationId, force: true })).toMatchObject({ changed: true });
    expect(await puts()).toBe(2);
  });

  it('registers in a development guild, and overwrites again when Discord has something else', async () => {
    const guild = await emulator.control.createGuild({});
    const options = { rest, applicationId: emulator.applicationId, guildId: guild.id };
    expect(await registerCommands(options)).toEqual({
      scope: `guild ${guild.id}`,
      changed: true,
      count: COMMAND_DEFINITIONS.length,
    });
    expect(await registerCommands(options)).toMatchObject({ changed: false });
    await rest.put(`/applications/${emulator.applicationId}/guilds/${guild.id}/commands`, {
      body: [{ name: 'stale', description: 'left over' }],
    });
    expect(await registerCommands(options)).toMatchObject({ changed: true });
    expect((await emulator.control.commands()).guild[guild.id]).toHaveLength(COMMAND_DEFINITIONS.length);
  });

  const cli = join(__dirname, '..', 'dist', 'register-commands.js');
  it('runs as `pnpm register-commands` (the built CLI)', async () => {
    expect(existsSync(cli)).toBe(true); // built by `./tk test` or turbo before the tests
    const env = {
      PATH: process.env.PATH ?? '',
      DISCORD_TOKEN: emulator.botToken,
      DISCORD_APPLICATION_ID: emulator.applicationId,
      DISCORD_API_URL: emulator.apiUrl,
    };
    const { stdout } = await promisify(execFile)(process.execPath, [cli], { env });
    expect(stdout).toBe(`${COMMAND_DEFINITIONS.length} commands already registered (global); nothing sent\n`);
    const missing = promisify(execFile)(process.execPath, [cli], { env: { PATH: env.PATH } });
    await expect(missing).rejects.toMatchObject({ code: 2 });
  });
});
