import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  ErrorCode,
  InteractionReply,
  InteractionRequest,
  createCustomIdCodec,
  decode,
  encode,
  subjects,
} from '@timekeeper/contracts';
import { NatsServer } from '@timekeeper/testing';
import {
  ApplicationCommandOptionType,
  ComponentType,
  InteractionResponseType,
  InteractionType,
  MessageFlags,
  PermissionFlagsBits,
  type APIInteraction,
} from 'discord-api-types/v10';
import pino from 'pino';
import {
  InteractionError,
  InteractionRouter,
  answerNotBuiltYet,
  defineService,
  isManager,
  respond,
  serveInteractions,
} from '../src';
import { startTestService, stopAllServices } from './support/services';

const codec = createCustomIdCodec({ secret: 'a-test-secret-of-enough-length' });
const guildId = '400000000000000001';
const base = {
  id: '500000000000000001',
  application_id: '600000000000000001',
  token: 'interaction-token',
  guild_id: guildId,
  channel_id: '700000000000000001',
  version: 1,
  locale: 'en-US',
  app_permissions: '0',
  entitlements: [],
  authorizing_integration_owners: {},
  attachment_size_limit: 0,
  member: {
    user: {
      id: '800000000000000001',
      username: 'alice',
      discriminator: '0',
      global_name: null,
      avatar: null,
    },
    roles: ['900000000000000001'],
    permissions: '0',
    joined_at: '2026-01-01T00:00:00.000Z',
    deaf: false,
    mute: false,
    flags: 0,
  },
};

function request(interaction: Record<string, unknown>): InteractionRequest {
  const now = Date.now();
  return {
    v: 1,
    interaction: { ...base, ...interaction } as unknown as APIInteraction,
    shardId: 0,
    receivedAt: now,
    deadline: now + 2500,
    mode: 'ws',
  };
}

const slash = (name: string, options: unknown[] = []) =>
  request({ type: InteractionType.ApplicationCommand, data: { id: '1', name, type: 1, options } });

function buildRouter(): InteractionRouter {
  return new InteractionRouter(codec, pino({ level: 'silent' }))
    .command('admin', async ({ options }) => respond.ephemeral(`admin fallback ${options.subcommand}`))
    .command('admin categories add', async ({ options }) =>
      respond.ephemeral(`add ${options.string('name')} weight ${options.number('weight') ?? 1}`),
    )
    .command('clockout', async () => {
      throw new InteractionError(ErrorCode.CONFLICT, "You're not clocked in.");
    })
    .command('status', async () => {
      throw new Error('database exploded');
    })
    .autocomplete('clockin', async ({ options }) =>
      respond.autocomplete([{ name: `typed ${options.focused()?.value}`, value: 'x' }]),
    )
    .component('stop', async ({ customId, userId }) =>
      respond.update(`stopped ${customId.args[0]} by ${userId}`),
    )
    .directMessage('still-working', async ({ customId, userId }) =>
      respond.update(`guild ${customId.args[0]} user ${userId}`),
    );
}

describe('InteractionRouter', () => {
  const router = buildRouter();

  it('routes to the most specific subcommand handler and reads options', async () => {
    const reply = await router.dispatch(
      slash('admin', [
        {
          type: ApplicationCommandOptionType.SubcommandGroup,
          name: 'categories',
          options: [
            {
              type: ApplicationCommandOptionType.Subcommand,
              name: 'add',
              options: [
                { type: ApplicationCommandOptionType.String, name: 'name', value: 'Work' },
                { type: ApplicationCommandOptionType.Number, name: 'weight', value: 2.5 },
              ],
            },
          ],
        },
      ]),
    );
    expect(reply).toEqual({
      v: 1,
      kind: 'response',
      response: {
        type: InteractionResponseType.ChannelMessageWithSource,
        data: {
          content: 'add Work weight 2.5',
          allowed_mentions: { parse: [] },
          flags: MessageFlags.Ephemeral,
        },
      },
    });
  });

  it('falls back to the command handler for other subcommands', async () => {
    const reply = await router.dispatch(
      slash('admin', [{ type: ApplicationCommandOptionType.Subcommand, name: 'system', options: [] }]),
    );
    expect(reply.kind === 'response' && reply.response.type === 4 && reply.response.data?.content).toBe(
      'admin fallback system',
    );
  });

  it('turns an InteractionError into an error reply with its message', async () => {
    const reply = await router.dispatch(slash('clockout'));
    expect(reply).toMatchObject({
      kind: 'error',
      error: { code: 'CONFLICT', message: "You're not clocked in." },
    });
  });

  it('hides unexpected failures behind INTERNAL with a reference id', async () => {
    const reply = await router.dispatch(slash('status'));
    expect(reply).toMatchObject({ kind: 'error', error: { code: 'INTERNAL' } });
    expect(reply.kind === 'error' && reply.error.referenceId).toMatch(/^[0-9a-f]{8}$/);
    expect(reply.kind === 'error' && reply.error.message).not.toContain('exploded');
  });

  it('answers an unknown command with UNKNOWN_COMMAND', async () => {
    expect(await router.dispatch(slash('nope'))).toMatchObject({
      kind: 'error',
      error: { code: 'UNKNOWN_COMMAND' },
    });
  });

  it('refuses interactions outside a guild', async () => {
    const dm = request({
      type: InteractionType.ApplicationCommand,
      data: { id: '1', name: 'status', type: 1 },
    });
    delete (dm.interaction as { guild_id?: string }).guild_id;
    expect(await router.dispatch(dm)).toMatchObject({ kind: 'error', error: { code: 'NOT_IN_GUILD' } });
  });

  it('passes the focused option to autocomplete', async () => {
    const reply = await router.dispatch(
      request({
        type: InteractionType.ApplicationCommandAutocomplete,
        data: {
          id: '1',
          name: 'clockin',
          type: 1,
          options: [
            { type: ApplicationCommandOptionType.String, name: 'category', value: 'wo', focused: true },
          ],
        },
      }),
    );
    expect(reply).toMatchObject({
      kind: 'response',
      response: { type: 8, data: { choices: [{ name: 'typed wo' }] } },
    });
  });

  it('verifies custom_ids and rejects a tampered one', async () => {
    const customId = codec.encode({ service: 'timecard', action: 'stop', args: ['s1'] });
    const click = (id: string) =>
      request({
        type: InteractionType.MessageComponent,
        message: {},
        data: { custom_id: id, component_type: ComponentType.Button },
      });
    expect(await router.dispatch(click(customId))).toMatchObject({
      kind: 'response',
      response: { type: 7, data: { content: 'stopped s1 by 800000000000000001' } },
    });
    expect(await router.dispatch(click(customId.replace(':s1:', ':s2:')))).toMatchObject({
      kind: 'error',
      error: { code: ErrorCode.EXPIRED_COMPONENT },
    });
  });
});

describe('InteractionRouter.beforeEach', () => {
  it("runs before every guild interaction, and its failure is the interaction's failure", async () => {
    const seen: string[] = [];
    const router = buildRouter().beforeEach(async ({ guildId, userId }) => {
      seen.push(`${guildId}/${userId}`);
    });
    await router.dispatch(
      slash('admin', [{ type: ApplicationCommandOptionType.Subcommand, name: 'system' }]),
    );
    expect(seen).toEqual([`${guildId}/800000000000000001`]);
    const failing = buildRouter().beforeEach(async () => {
      throw new InteractionError(ErrorCode.UNAVAILABLE, 'not now');
    });
    expect(await failing.dispatch(slash('clockout'))).toMatchObject({
      kind: 'error',
      error: { message: 'not now' },
    });
  });
});

describe('InteractionRouter in direct messages', () => {
  const router = buildRouter();
  const dmClick = (customId: string) => {
    const dm = request({
      type: InteractionType.MessageComponent,
      message: {},
      user: base.member.user,
      data: { custom_id: customId, component_type: ComponentType.Button },
    });
    const interaction = dm.interaction as unknown as Record<string, unknown>;
    delete interaction.guild_id;
    delete interaction.member;
    return dm;
  };

  it('routes a DM button registered as directMessage, with the guild from the custom_id', async () => {
    const customId = codec.encode({ service: 'timecard', action: 'still-working', args: [guildId] });
    expect(await router.dispatch(dmClick(customId))).toMatchObject({
      kind: 'response',
      response: { data: { content: `guild ${guildId} user 800000000000000001` } },
    });
  });

  it('refuses a guild-only button clicked in a DM', async () => {
    const customId = codec.encode({ service: 'timecard', action: 'stop', args: ['s1'] });
    expect(await router.dispatch(dmClick(customId))).toMatchObject({
      kind: 'error',
      error: { code: 'NOT_IN_GUILD' },
    });
  });
});

describe('isManager', () => {
  const member = (permissions: bigint, roles: string[] = []) => ({ permissions: String(permissions), roles });
  it.each([
    ['administrator', member(PermissionFlagsBits.Administrator), true],
    ['manage server', member(PermissionFlagsBits.ManageGuild), true],
    ['manager role', member(0n, ['42']), true],
    ['plain member', member(PermissionFlagsBits.SendMessages, ['7']), false],
  ])('%s', (_name, subject, expected) => {
    expect(isManager(subject, ['42'])).toBe(expected);
  });
});

describe('serveInteractions over NATS', () => {
  let nats: NatsServer;
  let nc: NatsConnection;
  beforeAll(async () => {
    nats = await NatsServer.start({ jetstream: false });
    nc = await connect({ servers: nats.url });
    const service = defineService({
      name: 'timecard',
      version: '1.0.0',
      description: 'test',
      setup: (ctx) => serveInteractions(ctx, 'timecard', buildRouter()),
    });
    await startTestService(service, nats.url);
    const notBuilt = defineService({
      name: 'export',
      version: '1.0.0',
      description: 'test',
      setup: (ctx) => answerNotBuiltYet(ctx, 'export', 'Exports are not available yet.'),
    });
    await startTestService(notBuilt, nats.url);
  });
  afterAll(async () => {
    await nc.close();
    await stopAllServices();
    await nats.destroy();
  });

  it('answers a routed request with the encoded reply', async () => {
    const body = encode(InteractionRequest, slash('clockout'));
    if (!body.ok) throw new Error(body.error.message);
    const msg = await nc.request(subjects.interaction('timecard'), body.value, { timeout: 2000 });
    const reply = decode(InteractionReply, msg.data);
    expect(reply.ok && reply.value).toMatchObject({ kind: 'error', error: { code: 'CONFLICT' } });
  });

  it('answers every interaction of a service that is not built yet, plainly', async () => {
    const body = encode(InteractionRequest, slash('export'));
    if (!body.ok) throw new Error(body.error.message);
    const msg = await nc.request(subjects.interaction('export'), body.value, { timeout: 2000 });
    const reply = decode(InteractionReply, msg.data);
    expect(reply.ok && reply.value).toMatchObject({
      kind: 'response',
      response: {
        type: 4,
        data: { content: 'Exports are not available yet.', flags: MessageFlags.Ephemeral },
      },
    });
  });

  it('answers an unreadable request with an error instead of silence', async () => {
    const msg = await nc.request(subjects.interaction('timecard'), '{"v":1}', { timeout: 2000 });
    const reply = decode(InteractionReply, msg.data);
    expect(reply.ok && reply.value).toMatchObject({ kind: 'error', error: { code: 'INVALID_INPUT' } });
  });
});
