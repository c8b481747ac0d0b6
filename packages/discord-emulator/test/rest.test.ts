import type { REST } from '@discordjs/rest';
import { API } from '@discordjs/core/http-only';
import {
  PermissionFlagsBits,
  Routes,
  type APIApplicationCommand,
  type APIMessage,
} from 'discord-api-types/v10';
import type { DiscordEmulator, GuildView } from '../src';
import { startWithRest } from './support';

const USER = '500000000000000001';

describe('REST routes through a real @discordjs/rest client', () => {
  let emulator: DiscordEmulator;
  let rest: REST;
  let api: API;
  let stop: () => Promise<void>;
  let guild: GuildView;

  beforeAll(async () => {
    ({ emulator, rest, stop } = await startWithRest({ rateLimit: { limit: 3, windowMs: 300 } }));
    api = new API(rest);
    guild = await emulator.control.createGuild();
  });
  afterAll(() => stop());

  it('serves /gateway/bot and /users/@me, with rate-limit headers on every response', async () => {
    const response = await fetch(`${emulator.apiUrl}/v10/gateway/bot`, {
      headers: { authorization: `Bot ${emulator.botToken}` },
    });
    const body = (await response.json()) as {
      url: string;
      shards: number;
      session_start_limit: Record<string, number>;
    };
    expect(body.url).toBe(emulator.gatewayUrl);
    expect(Object.keys(body.session_start_limit).sort()).toEqual([
      'max_concurrency',
      'remaining',
      'reset_after',
      'total',
    ]);
    for (const header of [
      'x-ratelimit-limit',
      'x-ratelimit-remaining',
      'x-ratelimit-reset',
      'x-ratelimit-reset-after',
      'x-ratelimit-bucket',
    ]) {
      expect(response.headers.get(header)).not.toBeNull();
    }
    expect(await api.users.getCurrent()).toMatchObject({ id: emulator.botUserId, bot: true });
  });

  it('answers 401 only for a wrong bot token, and snowflake ids are 17-19 digits and increasing', async () => {
    const bad = await fetch(`${emulator.apiUrl}/v10/users/@me`, { headers: { authorization: 'Bot wrong' } });
    expect(bad.status).toBe(401);
    const a = await api.channels.createMessage(guild.channelIds[0] ?? '', { content: 'a' });
    const b = await api.channels.createMessage(guild.channelIds[0] ?? '', { content: 'b' });
    expect(a.id).toMatch(/^\d{17,19}$/);
    expect(BigInt(b.id)).toBeGreaterThan(BigInt(a.id));
  });

  it('keeps requests within the announced bucket: the client waits instead of getting 429s', async () => {
    const channelId = guild.channelIds[0] ?? '';
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 5 }, (_, i) => api.channels.createMessage(channelId, { content: `m${i}` })),
    );
    // 5 requests with 3 per 300 ms need a second window.
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    const log = await emulator.control.requests({ path: `/channels/${channelId}/messages` });
    expect(log.some((e) => e.status === 429)).toBe(false);
  });

  it('injects route 429s and global 429s; the client waits Retry-After and retries', async () => {
    const path = `/channels/${guild.channelIds[0]}/messages`;
    await emulator.control.injectRateLimit({
      method: 'POST',
      path: '/channels/*/messages',
      count: 1,
      retryAfterMs: 200,
    });
    const started = Date.now();
    await api.channels.createMessage(guild.channelIds[0] ?? '', { content: 'after 429' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(180);
    await emulator.control.injectRateLimit({ count: 1, retryAfterMs: 200, global: true });
    const raw = await fetch(`${emulator.apiUrl}/v10/users/@me`, {
      headers: { authorization: `Bot ${emulator.botToken}` },
    });
    expect(raw.status).toBe(429);
    expect(raw.headers.get('x-ratelimit-global')).toBe('true');
    expect(raw.headers.get('x-ratelimit-scope')).toBe('global');
    expect(raw.headers.get('retry-after')).toBe('0.2');
    const statuses = (await emulator.control.requests({ method: 'POST', path })).map((e) => e.status);
    expect(statuses).toContain(429);
    expect(statuses.at(-1)).toBe(200);
  });

  it('injects 5xx for the next N matching requests; the client retries through them', async () => {
    await emulator.control.injectServerError({ path: '/users/@me', count: 1, status: 502 });
    await expect(api.users.getCurrent()).resolves.toMatchObject({ id: emulator.botUserId });
    const statuses = (await emulator.control.requests({ path: '/users/@me' })).map((e) => e.status).slice(-2);
    expect(statuses).toEqual([502, 200]);
    await emulator.control.injectServerError({ path: '/users/@me', count: 2 });
    await expect(api.users.getCurrent()).rejects.toMatchObject({ status: 500 });
  });

  it('bulk-overwrites global and guild commands, keeping ids of re-declared names', async () => {
    const first = await api.applicationCommands.bulkOverwriteGuildCommands(emulator.applicationId, guild.id, [
      { name: 'clockin', description: 'Clock in' },
      { name: 'clockout', description: 'Clock out' },
    ]);
    const second = await api.applicationCommands.bulkOverwriteGuildCommands(
      emulator.applicationId,
      guild.id,
      [{ name: 'clockin', description: 'Start' }],
    );
    expect(second[0]?.id).toBe(first[0]?.id);
    expect(await api.applicationCommands.getGuildCommands(emulator.applicationId, guild.id)).toHaveLength(1);
    const global = (await rest.put(Routes.applicationCommands(emulator.applicationId), {
      body: [{ name: 'help', description: 'Help' }],
    })) as APIApplicationCommand[];
    expect(global[0]?.id).toMatch(/^\d{17,19}$/);
    expect((await emulator.control.commands()).global.map((c) => c.name)).toEqual(['help']);
    await expect(
      rest.put(Routes.applicationCommands(emulator.applicationId), {
        body: [{ name: 'Bad Name', description: 'x' }],
      }),
    ).rejects.toMatchObject({
      code: 50035,
    });
  });

  it('adds and removes member roles, refusing with 50013 above the bot or without Manage Roles', async () => {
    const low = await emulator.control.createRole(guild.id, { name: 'On duty', position: 3 });
    const high = await emulator.control.createRole(guild.id, { name: 'Admin', position: 20 });
    await emulator.control.addMember(guild.id, { userId: USER });
    await api.guilds.addRoleToMember(guild.id, USER, low.id, { reason: 'clock in' });
    expect((await api.guilds.getMember(guild.id, USER)).roles).toEqual([low.id]);
    expect(await emulator.control.roleChanges(guild.id, USER)).toMatchObject([
      { roleId: low.id, action: 'add', reason: 'clock in' },
    ]);
    await expect(api.guilds.addRoleToMember(guild.id, USER, high.id)).rejects.toMatchObject({
      status: 403,
      code: 50013,
    });
    await emulator.control.setBotRole(guild.id, { permissions: String(PermissionFlagsBits.SendMessages) });
    await expect(api.guilds.removeRoleFromMember(guild.id, USER, low.id)).rejects.toMatchObject({
      status: 403,
      code: 50013,
    });
    await emulator.control.setBotRole(guild.id, { permissions: String(PermissionFlagsBits.ManageRoles) });
    await api.guilds.removeRoleFromMember(guild.id, USER, low.id);
    expect((await emulator.control.member(guild.id, USER)).roles).toEqual([]);
    const roles = await api.guilds.getRoles(guild.id);
    expect(roles.map((r) => r.id)).toEqual(expect.arrayContaining([guild.id, low.id, high.id]));
  });

  it('creates, reads, edits and deletes channel messages', async () => {
    const channelId = guild.channelIds[0] ?? '';
    const created = await api.channels.createMessage(channelId, { content: 'hello' });
    const edited = await api.channels.editMessage(channelId, created.id, { content: 'edited' });
    expect(edited.edited_timestamp).not.toBeNull();
    expect((await api.channels.getMessage(channelId, created.id)).content).toBe('edited');
    await api.channels.deleteMessage(channelId, created.id);
    await expect(api.channels.getMessage(channelId, created.id)).rejects.toMatchObject({ code: 10008 });
  });

  it('refuses a file above the guild upload limit (10 MiB unless the guild allows more) with 413 40005', async () => {
    const MiB = 1024 * 1024;
    const file = (bytes: number) => ({ name: 'export.csv', data: Buffer.alloc(bytes, 0x61) });
    const channelId = guild.channelIds[0] ?? '';
    const tooLarge = api.channels.createMessage(channelId, { content: 'file', files: [file(10 * MiB + 1)] });
    await expect(tooLarge).rejects.toMatchObject({ status: 413, code: 40005 });
    const fits = await api.channels.createMessage(channelId, { content: 'file', files: [file(10 * MiB)] });
    expect(fits.attachments.map((a) => a.size)).toEqual([10 * MiB]);
    // An edit is held to the same limit.
    const edit = api.channels.editMessage(channelId, fits.id, { files: [file(10 * MiB + 1)] });
    await expect(edit).rejects.toMatchObject({ status: 413, code: 40005 });

    const boosted = await emulator.control.createGuild({ attachmentSizeLimit: 50 * MiB });
    const big = await api.channels.createMessage(boosted.channelIds[0] ?? '', { files: [file(12 * MiB)] });
    expect(big.attachments.map((a) => a.size)).toEqual([12 * MiB]);
  }, 60_000);

  it('opens a DM channel and the control client reads the DM', async () => {
    await emulator.control.createUser({ id: USER });
    const waiting = emulator.control.awaitDm(USER, { timeoutMs: 2000 });
    const dm = await api.users.createDM(USER);
    await api.channels.createMessage(dm.id, { content: 'Reminder: you are still clocked in' });
    const messages: APIMessage[] = await waiting;
    expect(messages.map((m) => m.content)).toEqual(['Reminder: you are still clocked in']);
    expect((await api.users.createDM(USER)).id).toBe(dm.id);
  });
});
