import { generateKeyPairSync, verify, createPublicKey } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DiscordAPIError, type REST } from '@discordjs/rest';
import { API } from '@discordjs/core/http-only';
import {
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  Routes,
  type APIInteraction,
} from 'discord-api-types/v10';
import type { DiscordEmulator, GuildView } from '../src';
import { startWithRest } from './support';

const USER = '300000000000000001';

describe('interactions answered through a real @discordjs/rest client', () => {
  let emulator: DiscordEmulator;
  let rest: REST;
  let api: API;
  let stop: () => Promise<void>;
  let guild: GuildView;

  beforeAll(async () => {
    ({ emulator, rest, stop } = await startWithRest());
    api = new API(rest);
    guild = await emulator.control.createGuild({ name: 'Files' });
  });
  afterAll(() => stop());

  it('stores files sent with a callback and an embed that references them', async () => {
    const { id, token } = await emulator.control.slash({
      guildId: guild.id,
      userId: USER,
      name: 'export',
      options: { format: 'csv' },
    });
    const csv = Buffer.from('user,hours\nalice,3.5\n');
    await api.interactions.reply(id, token, {
      content: 'Your export',
      embeds: [{ title: 'Export', image: { url: 'attachment://report.csv' } }],
      files: [{ name: 'report.csv', data: csv, contentType: 'text/csv' }],
    });
    const response = await emulator.control.awaitResponse(id);
    expect(response.responseType).toBe(InteractionResponseType.ChannelMessageWithSource);
    expect(response.message?.content).toBe('Your export');
    expect(response.files).toHaveLength(1);
    expect(response.files[0]?.filename).toBe('report.csv');
    expect(response.files[0]?.contentType).toBe('text/csv');
    expect(response.files[0]?.bytes.equals(csv)).toBe(true);
    const stored = await emulator.control.files({ interactionId: id });
    expect(stored.map((f) => f.bytes.toString())).toEqual([csv.toString()]);
    // The attachment URL serves the same bytes.
    const download = await fetch(response.message?.attachments[0]?.url ?? '');
    expect(Buffer.from(await download.arrayBuffer()).equals(csv)).toBe(true);
  });

  it('injects in process exactly as through the control API', async () => {
    const injected = await emulator.inject({
      kind: 'slash',
      guildId: guild.id,
      userId: USER,
      name: 'status',
    });
    expect(injected).toMatchObject({ delivery: 'gateway', dispatched: false });
    const view = await emulator.control.interaction(injected.id);
    expect(view).toMatchObject({ guildId: guild.id, userId: USER, type: InteractionType.ApplicationCommand });
    await api.interactions.reply(injected.id, injected.token, { content: 'in process' });
    expect((await emulator.control.awaitResponse(injected.id)).message?.content).toBe('in process');
  });

  it('reports each answer as it is recorded, and forgets an interaction with its message', async () => {
    const seen: { id: string; kind: string; content: unknown }[] = [];
    const stop = emulator.onInteractionEvent((interaction, event) =>
      seen.push({ id: interaction.id, kind: event.kind, content: event.message?.content }),
    );
    const kept = await emulator.inject({ kind: 'slash', guildId: guild.id, userId: USER, name: 'status' });
    const dropped = await emulator.inject({ kind: 'slash', guildId: guild.id, userId: USER, name: 'status' });
    await api.interactions.reply(kept.id, kept.token, { content: 'kept' });
    await api.interactions.reply(dropped.id, dropped.token, { content: 'dropped' });
    stop();
    await api.interactions.followUp(emulator.applicationId, kept.token, { content: 'after stop' });
    expect(seen).toEqual([
      { id: kept.id, kind: 'response', content: 'kept' },
      { id: dropped.id, kind: 'response', content: 'dropped' },
    ]);
    const { channelId, originalMessageId } = await emulator.control.interaction(dropped.id);
    const inChannel = async (): Promise<string[]> =>
      (await emulator.control.messages(channelId)).map((message) => message.id);
    expect(await inChannel()).toContain(originalMessageId);
    emulator.forget(dropped.id);
    await expect(emulator.control.interaction(dropped.id)).rejects.toMatchObject({ status: 404 });
    await expect(api.interactions.getOriginalReply(emulator.applicationId, dropped.token)).rejects.toThrow();
    expect(await inChannel()).not.toContain(originalMessageId);
    expect((await emulator.control.interaction(kept.id)).events).toHaveLength(2);
  });

  it('builds a real APIInteraction with member permissions and resolved options', async () => {
    await rest.put(Routes.applicationGuildCommands(emulator.applicationId, guild.id), {
      body: [
        { name: 'assign', description: 'Assign', options: [{ type: 6, name: 'who', description: 'who' }] },
      ],
    });
    const role = await emulator.control.createRole(guild.id, {
      name: 'Staff',
      permissions: String(1n << 5n),
      position: 2,
    });
    await emulator.control.addMember(guild.id, { userId: USER, roles: [role.id] });
    const { id } = await emulator.control.slash({
      guildId: guild.id,
      userId: USER,
      name: 'assign',
      options: { who: USER },
    });
    const view = await emulator.control.interaction(id);
    const payload = view.payload as APIInteraction;
    expect(payload.type).toBe(InteractionType.ApplicationCommand);
    expect(payload.guild_id).toBe(guild.id);
    expect(BigInt(payload.member?.permissions ?? '0') & (1n << 5n)).toBe(1n << 5n);
    expect(payload.member?.roles).toEqual([role.id]);
    const data = payload.data as {
      options: { name: string; type: number; value: string }[];
      resolved: { users: Record<string, unknown> };
    };
    expect(data.options).toEqual([{ name: 'who', type: 6, value: USER }]);
    expect(Object.keys(data.resolved.users)).toEqual([USER]);
  });

  it('defers, then edits @original and sends a follow-up, each awaited through the control client', async () => {
    const { id, token } = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'report' });
    await api.interactions.defer(id, token, { flags: MessageFlags.Ephemeral });
    const deferred = await emulator.control.awaitResponse(id);
    expect(deferred.responseType).toBe(InteractionResponseType.DeferredChannelMessageWithSource);
    expect((deferred.message?.flags ?? 0) & MessageFlags.Loading).toBe(MessageFlags.Loading);
    const edited = emulator.control.awaitEdit(id, { timeoutMs: 2000 });
    await api.interactions.editReply(emulator.applicationId, token, { content: 'done' });
    const edit = await edited;
    expect(edit.message?.content).toBe('done');
    expect((edit.message?.flags ?? 0) & MessageFlags.Loading).toBe(0);
    expect((edit.message?.flags ?? 0) & MessageFlags.Ephemeral).toBe(MessageFlags.Ephemeral);
    const followUp = await api.interactions.followUp(emulator.applicationId, token, { content: 'more' });
    expect((await emulator.control.awaitFollowUp(id)).messageId).toBe(followUp.id);
    await api.interactions.deleteReply(emulator.applicationId, token, followUp.id);
    await expect(api.interactions.getOriginalReply(emulator.applicationId, token)).resolves.toMatchObject({
      content: 'done',
    });
  });

  it('returns the callback resource when with_response=true', async () => {
    const { id, token } = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'status' });
    const result = await api.interactions.reply(id, token, { content: 'hi', with_response: true });
    expect(result.interaction.id).toBe(id);
    expect(result.resource?.message?.content).toBe('hi');
  });

  it('updates the message of a clicked button and answers autocomplete', async () => {
    const click = await emulator.control.click({
      guildId: guild.id,
      userId: USER,
      customId: 'timecard:out:1',
    });
    await api.interactions.updateMessage(click.id, click.token, { content: 'clocked out', components: [] });
    const update = await emulator.control.awaitResponse(click.id);
    expect(update.message?.content).toBe('clocked out');
    const auto = await emulator.control.autocomplete({
      guildId: guild.id,
      userId: USER,
      name: 'clockin',
      options: { category: 'wo' },
      focused: 'category',
    });
    const payload = (await emulator.control.interaction(auto.id)).payload as {
      data: { options: { focused?: boolean }[] };
    };
    expect(payload.data.options[0]?.focused).toBe(true);
    await api.interactions.createAutocompleteResponse(auto.id, auto.token, {
      choices: [{ name: 'work', value: 'work' }],
    });
    expect((await emulator.control.awaitResponse(auto.id)).body).toEqual({
      choices: [{ name: 'work', value: 'work' }],
    });
  });

  it('refuses a second initial response with 40060', async () => {
    const { id, token } = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'status' });
    await api.interactions.reply(id, token, { content: 'first' });
    await expect(api.interactions.reply(id, token, { content: 'second' })).rejects.toMatchObject({
      code: 40060,
      status: 400,
    });
  });

  it('refuses a callback after 3 s with 10062 and a webhook call after 15 min with 50027', async () => {
    const late = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'status' });
    await emulator.control.advanceClock(3001);
    const error = await api.interactions
      .reply(late.id, late.token, { content: 'late' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DiscordAPIError);
    expect(error).toMatchObject({ code: 10062, status: 404 });

    const answered = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'status' });
    await api.interactions.defer(answered.id, answered.token);
    await emulator.control.advanceClock(14 * 60 * 1000);
    await expect(
      api.interactions.editReply(emulator.applicationId, answered.token, { content: 'ok' }),
    ).resolves.toBeDefined();
    await emulator.control.advanceClock(60 * 1000 + 1);
    await expect(
      api.interactions.editReply(emulator.applicationId, answered.token, { content: 'too late' }),
    ).rejects.toMatchObject({
      code: 50027,
    });
    // The REST client keeps its bot token: the 401 came on an unauthenticated webhook route.
    await expect(rest.get(Routes.user('@me'))).resolves.toMatchObject({ id: emulator.botUserId });
  });
});

describe('signed HTTP delivery to an interactions endpoint', () => {
  let emulator: DiscordEmulator;
  let stop: () => Promise<void>;
  let endpoint: Server;
  const received: { verified: boolean; body: APIInteraction }[] = [];

  beforeAll(async () => {
    const keys = generateKeyPairSync('ed25519');
    ({ emulator, stop } = await startWithRest({ signingKeyPair: keys }));
    const publicKey = createPublicKey({
      key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(emulator.publicKey, 'hex').toString('base64url') },
      format: 'jwk',
    });
    endpoint = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const raw = Buffer.concat(chunks);
        const signature = Buffer.from(String(req.headers['x-signature-ed25519']), 'hex');
        const timestamp = String(req.headers['x-signature-timestamp']);
        const verified = verify(null, Buffer.concat([Buffer.from(timestamp), raw]), publicKey, signature);
        received.push({ verified, body: JSON.parse(raw.toString()) as APIInteraction });
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ type: 4, data: { content: 'inline answer' } }));
      });
    });
    await new Promise<void>((resolve) => endpoint.listen(0, '127.0.0.1', () => resolve()));
    await emulator.control.setInteractionsEndpoint(
      `http://127.0.0.1:${(endpoint.address() as AddressInfo).port}/interactions`,
    );
  });
  afterAll(async () => {
    await new Promise((resolve) => endpoint.close(resolve));
    await stop();
  });

  it('POSTs a verifiable signature and records the inline answer as the initial response', async () => {
    const guild = await emulator.control.createGuild();
    const injected = await emulator.control.slash({
      guildId: guild.id,
      userId: USER,
      name: 'clockin',
      options: { category: 'work' },
    });
    expect(injected.delivery).toBe('http');
    expect(injected.httpStatus).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]?.verified).toBe(true);
    expect(received[0]?.body.id).toBe(injected.id);
    const response = await emulator.control.awaitResponse(injected.id);
    expect(response.via).toBe('http');
    expect(response.message?.content).toBe('inline answer');
  });
});
