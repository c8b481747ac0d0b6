import type { z } from 'zod';
import {
  decode,
  DOMAIN_EVENT_TYPES,
  DomainEvent,
  encode,
  ERROR_CODES,
  eventSubject,
  InteractionReply,
  InteractionRequest,
  Job,
  JOB_KINDS,
  jobSubject,
  NATS_HEADERS,
  type DomainEventType,
  type JobKind,
} from '../src';

const G = '112233445566778899';
const U = '998877665544332211';
const M = '123123123123123123';
const T0 = 1_764_000_000_000;

const interaction = {
  id: '1300000000000000001',
  application_id: '1300000000000000002',
  type: 2,
  token: 'aW50ZXJhY3Rpb24tdG9rZW4',
  version: 1,
  guild_id: G,
  channel_id: '1300000000000000003',
  member: { user: { id: U, username: 'ada' }, roles: [], permissions: '0' },
  data: {
    id: '1300000000000000004',
    name: 'clockin',
    type: 1,
    options: [{ name: 'category', type: 3, value: 'work' }],
  },
  app_permissions: '2048',
  locale: 'en-US',
  entitlements: [],
  authorizing_integration_owners: { '0': G },
  context: 0,
  attachment_size_limit: 8388608,
  some_field_discord_adds_later: { nested: [1, 2, 3] },
};
const request = { v: 1, interaction, shardId: 0, receivedAt: T0, deadline: T0 + 2500, mode: 'ws' };

const roundTrip = <S extends z.ZodType>(schema: S, value: unknown) => {
  const bytes = encode(schema, value as z.output<S>);
  if (!bytes.ok) throw new Error(bytes.error.message);
  return decode(schema, bytes.value);
};

describe('InteractionRequest', () => {
  it('round-trips and keeps every field of the interaction', () => {
    const result = roundTrip(InteractionRequest, request);
    expect(result).toEqual({ ok: true, value: request });
  });

  it.each<[string, Record<string, unknown>]>([
    ['HTTP mode without a shard', { mode: 'http', shardId: null }],
    ['a DM-less user field', { interaction: { ...interaction, member: undefined, user: { id: U } } }],
    ['an interaction without guild', { interaction: { ...interaction, guild_id: undefined } }],
  ])('accepts %s', (_title, patch) => {
    expect(decode(InteractionRequest, JSON.stringify({ ...request, ...patch })).ok).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['v missing', { v: undefined }, 'v'],
    ['a bad mode', { mode: 'grpc' }, 'mode'],
    ['a negative shard', { shardId: -1 }, 'shardId'],
    ['a fractional receivedAt', { receivedAt: 1.5 }, 'receivedAt'],
    ['a deadline before receipt', { deadline: T0 - 1 }, 'deadline'],
    [
      'an interaction without token',
      { interaction: { ...interaction, token: undefined } },
      'interaction.token',
    ],
    ['a non-snowflake id', { interaction: { ...interaction, id: 'abc' } }, 'interaction.id'],
    ['a string type', { interaction: { ...interaction, type: '2' } }, 'interaction.type'],
    ['data that is not an object', { interaction: { ...interaction, data: 'clockin' } }, 'interaction.data'],
    ['no interaction', { interaction: undefined }, 'interaction'],
  ])('rejects %s', (_title, patch, path) => {
    const result = decode(InteractionRequest, JSON.stringify({ ...request, ...patch }));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('INVALID_MESSAGE');
    expect(result.error.issues.map((i) => i.path.join('.'))).toContain(path);
    expect(result.error.message).toContain(path);
  });
});

describe('InteractionReply', () => {
  it.each<[string, unknown]>([
    [
      'a message response',
      {
        v: 1,
        kind: 'response',
        response: { type: 4, data: { content: 'Clocked in', flags: 64, embeds: [{ title: 'x' }] } },
      },
    ],
    ['a deferral', { v: 1, kind: 'response', response: { type: 5, data: { flags: 64 } } }],
    [
      'an autocomplete result',
      { v: 1, kind: 'response', response: { type: 8, data: { choices: [{ name: 'work', value: 'work' }] } } },
    ],
    [
      'a modal',
      {
        v: 1,
        kind: 'response',
        response: { type: 9, data: { custom_id: 'timecard:note:AbCdEf12', title: 'Note', components: [] } },
      },
    ],
    ...ERROR_CODES.map((code): [string, unknown] => [
      `error ${code}`,
      { v: 1, kind: 'error', error: { code, message: 'm', referenceId: 'r-1' } },
    ]),
  ])('round-trips %s', (_title, reply) => {
    expect(roundTrip(InteractionReply, reply)).toEqual({ ok: true, value: reply });
  });

  it.each<[string, unknown]>([
    ['an unknown kind', { v: 1, kind: 'pong' }],
    ['a response without type', { v: 1, kind: 'response', response: { data: {} } }],
    [
      'an unknown error code',
      { v: 1, kind: 'error', error: { code: 'OOPS', message: 'm', referenceId: 'r' } },
    ],
    ['an error without reference', { v: 1, kind: 'error', error: { code: 'INTERNAL', message: 'm' } }],
    [
      'an empty error message',
      { v: 1, kind: 'error', error: { code: 'INTERNAL', message: '', referenceId: 'r' } },
    ],
  ])('rejects %s', (_title, reply) => {
    const result = encode(InteractionReply, reply as InteractionReply);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe('INVALID_MESSAGE');
  });
});

describe('the structural fast path of the interaction schemas', () => {
  // decode() skips zod for values the hand-written check accepts; it must agree with zod every time.
  const reply = { v: 1, kind: 'response', response: { type: 4, data: { content: 'x', flags: 64 } } };
  it.each<[string, z.ZodType, unknown]>([
    ['a request', InteractionRequest, request],
    ['an HTTP request', InteractionRequest, { ...request, mode: 'http', shardId: null }],
    ['a request with an extra key (stripped)', InteractionRequest, { ...request, extra: 1 }],
    ['a huge shard', InteractionRequest, { ...request, shardId: 2 ** 60 }],
    ['a float shard', InteractionRequest, { ...request, shardId: 0.5 }],
    ['a null interaction', InteractionRequest, { ...request, interaction: null }],
    ['an array interaction', InteractionRequest, { ...request, interaction: [] }],
    ['an array member', InteractionRequest, { ...request, interaction: { ...interaction, member: [] } }],
    ['a null member', InteractionRequest, { ...request, interaction: { ...interaction, member: null } }],
    ['a null guild', InteractionRequest, { ...request, interaction: { ...interaction, guild_id: null } }],
    ['an empty token', InteractionRequest, { ...request, interaction: { ...interaction, token: '' } }],
    ['type 0', InteractionRequest, { ...request, interaction: { ...interaction, type: 0 } }],
    ['a long id', InteractionRequest, { ...request, interaction: { ...interaction, id: '1'.repeat(21) } }],
    ['v as a string', InteractionRequest, { ...request, v: '1' }],
    ['a future deadline', InteractionRequest, { ...request, deadline: 8.64e15 + 1 }],
    ['a reply', InteractionReply, reply],
    ['a reply without data', InteractionReply, { ...reply, response: { type: 6 } }],
    ['a reply with an extra key', InteractionReply, { ...reply, extra: true }],
    ['a reply with array data', InteractionReply, { ...reply, response: { type: 4, data: [] } }],
    ['a reply with a float type', InteractionReply, { ...reply, response: { type: 4.5 } }],
    ['a reply without response', InteractionReply, { v: 1, kind: 'response' }],
    [
      'an error reply',
      InteractionReply,
      { v: 1, kind: 'error', error: { code: 'INTERNAL', message: 'm', referenceId: 'r' } },
    ],
  ])('%s: decode agrees with zod', (_title, schema, value) => {
    const byZod = schema.safeParse(value);
    const decoded = decode(schema, JSON.stringify(value));
    expect(decoded.ok).toBe(byZod.success);
    if (decoded.ok && byZod.success) expect(decoded.value).toEqual(byZod.data);
    const encoded = encode(schema, value as never);
    expect(encoded.ok).toBe(byZod.success);
    if (encoded.ok && byZod.success) {
      expect(JSON.parse(new TextDecoder().decode(encoded.value))).toEqual(
        JSON.parse(JSON.stringify(byZod.data)),
      );
    }
  });
});

describe('NATS_HEADERS', () => {
  it('are the agreed lower-case names', () => {
    expect(NATS_HEADERS).toEqual({
      interactionId: 'interaction-id',
      shardId: 'shard-id',
      deadline: 'deadline',
      schemaVersion: 'schema-version',
      traceId: 'trace-id',
    });
  });
});

const eventBase = { v: 1, eventId: '01JD5Z6X8Y9ABCDEF0123456', guildId: G, at: T0 + 60_000, actorId: U };
const closed = {
  userId: U,
  sessionId: 's-1',
  categoryKey: 'work',
  startedAt: T0,
  endedAt: T0 + 60_000,
  durationMs: 60_000,
  capped: false,
};
const snapshot = { categoryKey: 'work', startedAt: T0, endedAt: T0 + 60_000, durationMs: 60_000 };
const EVENTS: Record<DomainEventType, Record<string, unknown>> = {
  'clock.in': {
    ...eventBase,
    type: 'clock.in',
    userId: U,
    sessionId: 's-1',
    categoryKey: 'work',
    startedAt: T0,
    description: null,
  },
  'clock.out': { ...eventBase, type: 'clock.out', ...closed, cause: 'user' },
  'clock.forced': {
    ...eventBase,
    type: 'clock.forced',
    ...closed,
    actorId: M,
    reason: 'Forgot to clock out',
  },
  'clock.switched': {
    ...eventBase,
    type: 'clock.switched',
    userId: U,
    from: { sessionId: 's-1', categoryKey: 'work', startedAt: T0, endedAt: T0 + 60_000, durationMs: 60_000 },
    to: { sessionId: 's-2', categoryKey: 'break', startedAt: T0 + 60_000 },
  },
  'session.edited': {
    ...eventBase,
    type: 'session.edited',
    userId: U,
    sessionId: 's-1',
    before: snapshot,
    after: { ...snapshot, categoryKey: 'meetings' },
    reason: null,
  },
  'session.deleted': {
    ...eventBase,
    type: 'session.deleted',
    userId: U,
    sessionId: 's-1',
    categoryKey: 'work',
    startedAt: T0,
    endedAt: T0 + 1,
    durationMs: 1,
    reason: 'duplicate',
  },
  'session.added': {
    ...eventBase,
    type: 'session.added',
    userId: U,
    sessionId: 's-2',
    categoryKey: 'work',
    startedAt: T0,
    endedAt: T0 + 3_600_000,
    durationMs: 3_600_000,
    capped: false,
    reason: 'forgot to clock in',
  },
  'period.locked': {
    ...eventBase,
    type: 'period.locked',
    userId: null,
    periodId: 'w2026-11-30',
    reason: 'approved',
  },
  'period.unlocked': {
    ...eventBase,
    type: 'period.unlocked',
    userId: U,
    periodId: 'm2026-12',
    reason: 'a late correction',
  },
  'member.suspended': {
    ...eventBase,
    type: 'member.suspended',
    userId: U,
    until: 1_800_000_000_000,
    reason: 'missed three shifts',
  },
  'member.unsuspended': {
    ...eventBase,
    type: 'member.unsuspended',
    userId: U,
    until: null,
    reason: 'talked it through',
  },
  'category.changed': {
    ...eventBase,
    type: 'category.changed',
    change: 'edited',
    categoryKey: 'deep work',
    previousKey: 'work',
  },
  'config.changed': { ...eventBase, type: 'config.changed', keys: ['timezone', 'weekStart'] },
};

describe('DomainEvent', () => {
  it('has one example per type', () => {
    expect(Object.keys(EVENTS).sort()).toEqual([...DOMAIN_EVENT_TYPES].sort());
  });

  it.each(Object.entries(EVENTS))('round-trips %s and maps to its subject', (type, event) => {
    expect(roundTrip(DomainEvent, event)).toEqual({ ok: true, value: event });
    expect(eventSubject(event as DomainEvent)).toBe(`tk.v1.event.${G}.${type}`);
  });

  it('lets a system actor (null) clock someone out', () => {
    expect(
      decode(
        DomainEvent,
        JSON.stringify({ ...EVENTS['clock.out'], actorId: null, cause: 'auto', capped: true }),
      ).ok,
    ).toBe(true);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['an unknown type', { ...EVENTS['clock.in'], type: 'clock.paused' }, 'type'],
    ['clock.in without sessionId', { ...EVENTS['clock.in'], sessionId: undefined }, 'sessionId'],
    ['clock.out with a negative duration', { ...EVENTS['clock.out'], durationMs: -5 }, 'durationMs'],
    ['clock.out with an unknown cause', { ...EVENTS['clock.out'], cause: 'admin' }, 'cause'],
    ['clock.forced without reason field', { ...EVENTS['clock.forced'], reason: undefined }, 'reason'],
    ['clock.switched without to', { ...EVENTS['clock.switched'], to: undefined }, 'to'],
    [
      'session.edited with a bad before',
      { ...EVENTS['session.edited'], before: { ...snapshot, startedAt: 'yesterday' } },
      'before.startedAt',
    ],
    [
      'category.changed with an unknown change',
      { ...EVENTS['category.changed'], change: 'deleted' },
      'change',
    ],
    ['config.changed with no keys', { ...EVENTS['config.changed'], keys: [] }, 'keys'],
    ['config.changed with an unknown key', { ...EVENTS['config.changed'], keys: ['colour'] }, 'keys.0'],
    ['a non-snowflake guild', { ...EVENTS['clock.in'], guildId: 'guild-1' }, 'guildId'],
    ['an empty event id', { ...EVENTS['clock.in'], eventId: '' }, 'eventId'],
    ['a missing actor', { ...EVENTS['clock.in'], actorId: undefined }, 'actorId'],
  ])('rejects %s', (_title, event, path) => {
    const result = decode(DomainEvent, JSON.stringify(event));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

const jobBase = { v: 1, guildId: G, enqueuedAt: T0 };
const JOBS: Record<JobKind, Record<string, unknown>> = {
  'role.change': {
    ...jobBase,
    jobId: 'role:s-1:add',
    kind: 'role.change',
    userId: U,
    roleId: M,
    action: 'add',
    reason: 'Clocked in (work)',
  },
  'dm.send': {
    ...jobBase,
    jobId: 'dm:1',
    kind: 'dm.send',
    userId: U,
    purpose: 'reminder',
    content: 'Still working?',
  },
  'export.render': {
    ...jobBase,
    jobId: 'export:1300000000000000001',
    kind: 'export.render',
    requestedBy: U,
    userId: U,
    format: 'pdf',
    from: '2026-11-01',
    to: '2026-11-30',
    timezone: 'Europe/Berlin',
    category: null,
    group: 'session',
    uploadLimitBytes: 10 * 1024 * 1024,
    reply: { applicationId: M, interactionToken: 'tok', expiresAt: T0 + 900_000 },
  },
  'reminder.fire': {
    ...jobBase,
    jobId: 'reminder:s-1:2',
    kind: 'reminder.fire',
    userId: U,
    sessionId: 's-1',
    categoryKey: 'work',
    startedAt: T0,
    fireAt: T0 + 3_600_000,
    sequence: 2,
  },
  'session.check': {
    ...jobBase,
    jobId: 'check:s-1:prompt',
    kind: 'session.check',
    userId: U,
    sessionId: 's-1',
    startedAt: T0,
    fireAt: T0 + 12 * 3_600_000,
    stage: 'prompt',
  },
  'periods.rebuild': {
    ...jobBase,
    jobId: 'periods-rebuild:1',
    kind: 'periods.rebuild',
    generation: 1,
    timezone: 'Europe/Berlin',
  },
  'target.remind': {
    ...jobBase,
    jobId: 'target:1:week:1700000000000',
    kind: 'target.remind',
    period: 'week',
    fireAt: 1_700_000_000_000,
  },
};

describe('Job', () => {
  it('has one example per kind', () => {
    expect(Object.keys(JOBS).sort()).toEqual([...JOB_KINDS].sort());
  });

  it.each(Object.entries(JOBS))('round-trips %s and maps to its subject', (kind, job) => {
    expect(roundTrip(Job, job)).toEqual({ ok: true, value: job });
    expect(jobSubject(job as Job)).toBe(`tk.v1.job.${kind}`);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['role.change with a bad action', { ...JOBS['role.change'], action: 'toggle' }, 'action'],
    ['role.change with a 513-char reason', { ...JOBS['role.change'], reason: 'r'.repeat(513) }, 'reason'],
    ['role.change without jobId', { ...JOBS['role.change'], jobId: undefined }, 'jobId'],
    ['dm.send with neither content nor embeds', { ...JOBS['dm.send'], content: undefined }, 'content'],
    ['dm.send with 2001 characters', { ...JOBS['dm.send'], content: 'x'.repeat(2001) }, 'content'],
    ['dm.send with 11 embeds', { ...JOBS['dm.send'], embeds: Array(11).fill({}) }, 'embeds'],
    ['export.render as xlsx', { ...JOBS['export.render'], format: 'xlsx' }, 'format'],
    ['export.render with a bad date', { ...JOBS['export.render'], from: '2026-13-01' }, 'from'],
    ['reminder.fire with sequence 0', { ...JOBS['reminder.fire'], sequence: 0 }, 'sequence'],
    ['session.check with an unknown stage', { ...JOBS['session.check'], stage: 'later' }, 'stage'],
    ['an unknown kind', { ...JOBS['dm.send'], kind: 'dm.broadcast' }, 'kind'],
  ])('rejects %s', (_title, job, path) => {
    const result = decode(Job, JSON.stringify(job));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.issues.map((i) => i.path.join('.'))).toContain(path);
  });
});

describe('encode / decode', () => {
  it('encodes to UTF-8 JSON bytes', () => {
    const result = encode(Job, JOBS['dm.send'] as Job);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value).toBeInstanceOf(Uint8Array);
    expect(JSON.parse(new TextDecoder().decode(result.value))).toEqual(JOBS['dm.send']);
  });

  it('decodes bytes and strings alike', () => {
    const text = JSON.stringify(JOBS['dm.send']);
    expect(decode(Job, new TextEncoder().encode(text))).toEqual(decode(Job, text));
  });

  it.each<[string, Uint8Array | string, string]>([
    ['not JSON', 'not json', 'INVALID_JSON'],
    ['truncated JSON', '{"v":1,', 'INVALID_JSON'],
    ['invalid UTF-8', new Uint8Array([0x7b, 0xff, 0x7d]), 'INVALID_JSON'],
    ['a newer schema version', JSON.stringify({ ...JOBS['dm.send'], v: 2 }), 'UNSUPPORTED_VERSION'],
    ['a schema version as string', JSON.stringify({ ...JOBS['dm.send'], v: '1' }), 'UNSUPPORTED_VERSION'],
    ['JSON null', 'null', 'INVALID_MESSAGE'],
    ['an array', '[]', 'INVALID_MESSAGE'],
  ])('reports %s', (_title, input, code) => {
    const result = decode(Job, input);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error.code).toBe(code);
    expect(!result.ok && result.error.message.length).toBeGreaterThan(0);
  });

  it('gives a readable message naming the field', () => {
    const result = decode(DomainEvent, JSON.stringify({ ...EVENTS['clock.in'], guildId: 'nope' }));
    expect(!result.ok && result.error.message).toMatch(/snowflake[\s\S]*guildId/);
  });

  it('refuses to encode an invalid value', () => {
    const result = encode(DomainEvent, { ...EVENTS['clock.out'], durationMs: 1.5 } as unknown as DomainEvent);
    expect(!result.ok && result.error.code).toBe('INVALID_MESSAGE');
  });
});
