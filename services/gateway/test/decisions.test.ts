import type { InteractionResponseType } from 'discord-api-types/v10';
import { InteractionType } from 'discord-api-types/v10';
import { parseRate, parseShardsPerWorker } from '../src/config';
import { deferralFor, errorNotice, slowDownMessage, unavailable } from '../src/router/fallback';
import { lateActionForResponse } from '../src/router/late-answer';
import { responseProblems } from '../src/router/response-limits';
import { judgeIdentify } from '../src/shards/identify-guard';
import { snowflakeTime } from '../src/shards/shard-runner';

describe('parseRate', () => {
  it.each([
    ['10/10s', { points: 10, durationMs: 10_000 }],
    ['5/10m', { points: 5, durationMs: 600_000 }],
    ['1 / 1h', { points: 1, durationMs: 3_600_000 }],
    ['off', null],
    ['0/10s', null],
  ])('%s', (raw, value) => expect(parseRate(raw)).toEqual({ ok: true, value }));
  it.each(['10', '10/0s', '10/10', 'ten/10s', '10/10d'])('refuses %s', (raw) =>
    expect(parseRate(raw).ok).toBe(false),
  );
  it('reads shards per worker', () => {
    expect(parseShardsPerWorker('all')).toEqual({ ok: true, value: 'all' });
    expect(parseShardsPerWorker('2')).toEqual({ ok: true, value: 2 });
    expect(parseShardsPerWorker('0').ok).toBe(false);
  });
});

describe('gateway answers of its own', () => {
  it.each([
    [InteractionType.ApplicationCommand, { type: 5, data: { flags: 64 } }],
    [InteractionType.ModalSubmit, { type: 5, data: { flags: 64 } }],
    [InteractionType.MessageComponent, { type: 6 }],
    [InteractionType.ApplicationCommandAutocomplete, { type: 8, data: { choices: [] } }],
  ])('defers interaction type %i as %j', (type, expected) => expect(deferralFor({ type })).toEqual(expected));

  it('never shows autocomplete a message', () => {
    expect(unavailable({ type: InteractionType.ApplicationCommandAutocomplete })).toEqual({
      type: 8,
      data: { choices: [] },
    });
  });

  it('says when to try again as a relative Discord timestamp', () => {
    expect(slowDownMessage(4_200, 1_800_000_000_000)).toBe(
      "You're going a bit fast. Try again <t:1800000005:R>.",
    );
  });
});

describe('errorNotice', () => {
  it.each([
    ['INTERNAL', 'Something broke.', 'Something broke.\nReference ID: `abcd1234`'],
    ['UNAVAILABLE', 'Try later.', 'Try later.\nReference ID: `abcd1234`'],
    ['FORBIDDEN', 'You need Manage Server.', 'You need Manage Server.'],
    ['CONFLICT', "You're not clocked in.", "You're not clocked in."],
  ] as const)('%s', (code, message, expected) => {
    expect(errorNotice({ code, message, referenceId: 'abcd1234' })).toBe(expected);
  });
});

describe('lateActionForResponse', () => {
  const data = { content: 'done', flags: 64 | 32768 };
  it.each([
    [
      'a message after thinking…',
      5,
      { type: 4, data },
      { kind: 'edit', body: { content: 'done', flags: 32768 } },
    ],
    ['a message after a deferred update', 6, { type: 4, data }, { kind: 'followUp', body: data }],
    [
      'an update after a deferred update',
      6,
      { type: 7, data: { content: 'x' } },
      { kind: 'edit', body: { content: 'x' } },
    ],
    ['the service’s own deferral', 5, { type: 5 }, { kind: 'none' }],
    ['a modal, which cannot come late', 5, { type: 9, data: {} }, { kind: 'edit' }],
  ])('%s', (_name, deferral, response, expected) =>
    expect(lateActionForResponse(deferral as InteractionResponseType, response as never)).toMatchObject(
      expected,
    ),
  );
});

describe('responseProblems', () => {
  const command = InteractionType.ApplicationCommand;
  it.each([
    ['a plain message', command, { type: 4, data: { content: 'hi' } }, []],
    [
      'content too long',
      command,
      { type: 4, data: { content: 'x'.repeat(2001) } },
      ['content is longer than 2000 characters'],
    ],
    ['an empty message', command, { type: 4, data: {} }, ['cannot send an empty message']],
    [
      'an update answering a command',
      command,
      { type: 7, data: { content: 'x' } },
      ['response type 7 cannot answer interaction type 2'],
    ],
    [
      '26 choices',
      InteractionType.ApplicationCommandAutocomplete,
      { type: 8, data: { choices: Array(26).fill({}) } },
      ['more than 25 autocomplete choices'],
    ],
    [
      '6 action rows',
      command,
      { type: 4, data: { components: Array(6).fill({ type: 1, components: [] }) } },
      ['more than 5 action rows'],
    ],
    [
      'a long button label',
      InteractionType.MessageComponent,
      {
        type: 7,
        data: { components: [{ type: 1, components: [{ type: 2, label: 'l'.repeat(81), custom_id: 'a' }] }] },
      },
      ['components[0].components[0].label is longer than 80 characters'],
    ],
    [
      'a V2 message with content',
      command,
      { type: 4, data: { flags: 32768, content: 'x', components: [{ type: 10, content: 'y' }] } },
      ['a components V2 message cannot carry content or embeds'],
    ],
    [
      'embeds over 6000 in total',
      command,
      { type: 4, data: { embeds: [{ description: 'd'.repeat(4000) }, { description: 'd'.repeat(2001) }] } },
      ['embeds hold more than 6000 characters together'],
    ],
  ])('%s', (_name, interactionType, response, expected) =>
    expect(responseProblems(interactionType, response)).toEqual(expected),
  );
});

describe('judgeIdentify', () => {
  const policy = { floor: 50, perShard: { points: 5, durationMs: 600_000 } };
  const shards = (...recent: number[]) => recent.map((count, shardId) => ({ shardId, recent: count }));
  it.each([
    ['plenty of budget', 1000, shards(0, 0), true],
    ['nothing to identify (all resume)', 10, [], true],
    ['would go under the floor', 51, shards(0, 0), false],
    ['exactly at the floor', 52, shards(0, 0), true],
    ['a shard identified 5 times in the window', 1000, shards(0, 5), false],
    ['4 times is still fine', 1000, shards(4, 4), true],
  ])('%s', (_name, remaining, list, allowed) =>
    expect(judgeIdentify({ remaining, shards: list }, policy).allowed).toBe(allowed),
  );
  it('names the variable to look at', () => {
    const verdict = judgeIdentify({ remaining: 10, shards: shards(0) }, policy);
    expect(verdict).toMatchObject({
      allowed: false,
      reason: expect.stringContaining('GATEWAY_IDENTIFY_FLOOR'),
    });
  });
});

describe('snowflakeTime', () => {
  it('reads the creation time out of a Discord id', () => {
    // 175928847299117063 is the example in Discord's documentation: 2016-04-30T11:18:25.796Z.
    expect(snowflakeTime('175928847299117063')).toBe(Date.parse('2016-04-30T11:18:25.796Z'));
    expect(snowflakeTime('not-an-id')).toBe(0);
  });
});
