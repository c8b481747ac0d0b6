import { DiscordAPIError, type REST } from '@discordjs/rest';
import { API } from '@discordjs/core/http-only';
import { Routes } from 'discord-api-types/v10';
import type { DiscordEmulator, GuildView } from '../src';
import { Limits } from '../src';
import { startWithRest } from './support';

const USER = '400000000000000001';
const text = (n: number): string => 'x'.repeat(n);
const row = (components: unknown[]): unknown => ({ type: 1, components });
const button = (customId: string, label = 'ok'): unknown => ({
  type: 2,
  style: 1,
  custom_id: customId,
  label,
});

describe('Discord-like validation (400 Invalid Form Body)', () => {
  let emulator: DiscordEmulator;
  let rest: REST;
  let api: API;
  let stop: () => Promise<void>;
  let guild: GuildView;
  let channelId: string;

  beforeAll(async () => {
    ({ emulator, rest, stop } = await startWithRest());
    api = new API(rest);
    guild = await emulator.control.createGuild();
    channelId = guild.channelIds[0] ?? '';
  });
  afterAll(() => stop());

  /** Sends the body as a channel message and as an interaction reply; both must fail at `path`. */
  async function expectRejected(body: Record<string, unknown>, path: (string | number)[]): Promise<void> {
    const channelError = await rest
      .post(Routes.channelMessages(channelId), { body })
      .catch((e: unknown) => e);
    expectFormError(channelError, path);
    const { id, token } = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'status' });
    const callbackError = await rest
      .post(Routes.interactionCallback(id, token), { body: { type: 4, data: body }, auth: false })
      .catch((e: unknown) => e);
    expectFormError(callbackError, ['data', ...path]);
    // A rejected callback leaves the interaction unanswered.
    await expect(api.interactions.reply(id, token, { content: 'valid' })).resolves.toBeUndefined();
  }

  function expectFormError(error: unknown, path: (string | number)[]): void {
    expect(error).toBeInstanceOf(DiscordAPIError);
    const apiError = error as DiscordAPIError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe(50035);
    let node = (apiError.rawError as { errors: Record<string, unknown> }).errors;
    for (const key of path) node = node[String(key)] as Record<string, unknown>;
    expect(Array.isArray(node._errors)).toBe(true);
  }

  it.each<[string, Record<string, unknown>, (string | number)[]]>([
    ['content over 2000', { content: text(Limits.content + 1) }, ['content']],
    ['embed title over 256', { embeds: [{ title: text(257) }] }, ['embeds', 0, 'title']],
    ['embed description over 4096', { embeds: [{ description: text(4097) }] }, ['embeds', 0, 'description']],
    [
      'more than 25 embed fields',
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'a', value: 'b' })) }] },
      ['embeds', 0, 'fields'],
    ],
    [
      'field name over 256',
      { embeds: [{ fields: [{ name: text(257), value: 'v' }] }] },
      ['embeds', 0, 'fields', 0, 'name'],
    ],
    [
      'field value over 1024',
      { embeds: [{ fields: [{ name: 'n', value: text(1025) }] }] },
      ['embeds', 0, 'fields', 0, 'value'],
    ],
    [
      'embeds over 6000 in total',
      { embeds: [{ description: text(4000) }, { description: text(2001) }] },
      ['embeds'],
    ],
    ['more than 10 embeds', { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) }, ['embeds']],
    [
      'more than 5 action rows',
      { components: Array.from({ length: 6 }, (_, i) => row([button(`b${i}`)])) },
      ['components'],
    ],
    [
      'more than 5 components in a row',
      { components: [row(Array.from({ length: 6 }, (_, i) => button(`b${i}`)))] },
      ['components', 0, 'components'],
    ],
    [
      'custom_id over 100',
      { components: [row([button(text(101))])] },
      ['components', 0, 'components', 0, 'custom_id'],
    ],
    [
      'button label over 80',
      { components: [row([button('id', text(81))])] },
      ['components', 0, 'components', 0, 'label'],
    ],
    [
      'select with more than 25 options',
      {
        components: [
          row([
            {
              type: 3,
              custom_id: 's',
              options: Array.from({ length: 26 }, (_, i) => ({ label: `o${i}`, value: `${i}` })),
            },
          ]),
        ],
      },
      ['components', 0, 'components', 0, 'options'],
    ],
    [
      'embed image referencing a file that was not uploaded',
      { content: 'x', embeds: [{ image: { url: 'attachment://missing.png' } }] },
      ['embeds', 0, 'image', 'url'],
    ],
    [
      'attachments entry with no uploaded file',
      { content: 'x', attachments: [{ id: 0, filename: 'a.txt' }] },
      ['attachments', 0, 'id'],
    ],
  ])('rejects %s', async (_name, body, path) => {
    await expectRejected(body, path);
  });

  it('accepts bodies at exactly the limits', async () => {
    await expect(
      rest.post(Routes.channelMessages(channelId), {
        body: {
          content: text(2000),
          embeds: [{ title: text(256), description: text(3744) }],
          components: [row([button(text(100), text(80))])],
        },
      }),
    ).resolves.toMatchObject({ channel_id: channelId });
  });

  it('accepts an attachment reference when the file is uploaded, also through a renamed attachments entry', async () => {
    const message = (await rest.post(Routes.channelMessages(channelId), {
      body: {
        embeds: [{ image: { url: 'attachment://chart.png' } }],
        attachments: [{ id: 0, filename: 'chart.png' }],
      },
      files: [{ name: 'upload.bin', data: Buffer.from([1, 2, 3]), contentType: 'image/png' }],
    })) as { attachments: { filename: string }[] };
    expect(message.attachments.map((a) => a.filename)).toEqual(['chart.png']);
  });

  it('rejects more than 25 autocomplete choices', async () => {
    const { id, token } = await emulator.control.autocomplete({
      guildId: guild.id,
      userId: USER,
      name: 'clockin',
      options: { category: '' },
      focused: 'category',
    });
    const choices = Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `c${i}` }));
    const error = await api.interactions
      .createAutocompleteResponse(id, token, { choices })
      .catch((e: unknown) => e);
    expectFormError(error, ['data', 'choices']);
  });

  it('rejects a modal with a custom_id over 100', async () => {
    const { id, token } = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'edit' });
    const error = await api.interactions
      .createModal(id, token, {
        custom_id: text(101),
        title: 'Edit',
        components: [row([{ type: 4, custom_id: 'f', label: 'F', style: 1 }])] as never,
      })
      .catch((e: unknown) => e);
    expectFormError(error, ['data', 'custom_id']);
  });

  it('rejects a response type the interaction does not allow', async () => {
    const { id, token } = await emulator.control.slash({ guildId: guild.id, userId: USER, name: 'status' });
    const error = await rest
      .post(Routes.interactionCallback(id, token), { body: { type: 8, data: { choices: [] } }, auth: false })
      .catch((e: unknown) => e);
    expectFormError(error, ['type']);
  });

  it('rejects an empty message with 50006', async () => {
    await expect(
      rest.post(Routes.channelMessages(channelId), { body: { content: '' } }),
    ).rejects.toMatchObject({ code: 50006, status: 400 });
  });
});
