import { InteractionType, type APIInteraction } from 'discord-api-types/v10';
import {
  COMMAND_DEFINITIONS,
  COMMAND_NAMES,
  COMMAND_ROUTES,
  createCustomIdCodec,
  CUSTOM_ID_ROUTES,
  ErrorCode,
  INTERACTION_SERVICES,
  peekService,
  routeCommand,
  routeCustomId,
  routeInteraction,
  ROUTING_TABLE,
  type RouteResult,
} from '../src';

const base = { id: '1', application_id: '2', token: 't', version: 1, guild_id: '3' };
const command = (name: string) =>
  ({
    ...base,
    type: InteractionType.ApplicationCommand,
    data: { id: '9', name, type: 1 },
  }) as unknown as APIInteraction;
const autocomplete = (name: string) =>
  ({
    ...base,
    type: InteractionType.ApplicationCommandAutocomplete,
    data: { id: '9', name, type: 1, options: [] },
  }) as unknown as APIInteraction;
const component = (customId: string) =>
  ({
    ...base,
    type: InteractionType.MessageComponent,
    data: { custom_id: customId, component_type: 2 },
  }) as unknown as APIInteraction;
const modal = (customId: string) =>
  ({
    ...base,
    type: InteractionType.ModalSubmit,
    data: { custom_id: customId, components: [] },
  }) as unknown as APIInteraction;
const raw = (value: object) => value as unknown as APIInteraction;

const ok = (service: string, via: string, key: string): RouteResult =>
  ({ ok: true, service, via, key }) as RouteResult;
const err = (reason: string, code: ErrorCode) => ({
  ok: false,
  error: expect.objectContaining({ reason, code }),
});

describe('routeInteraction', () => {
  it.each<[string, APIInteraction, unknown]>([
    ['/clockin', command('clockin'), ok('timecard', 'command', 'clockin')],
    ['/clockout', command('clockout'), ok('timecard', 'command', 'clockout')],
    ['/status', command('status'), ok('timecard', 'command', 'status')],
    ['/dashboard', command('dashboard'), ok('timecard', 'command', 'dashboard')],
    ['/whoclocked', command('whoclocked'), ok('timecard', 'command', 'whoclocked')],
    ['/forceclockout', command('forceclockout'), ok('timecard', 'command', 'forceclockout')],
    ['/leaderboard', command('leaderboard'), ok('analytics', 'command', 'leaderboard')],
    ['/insights', command('insights'), ok('analytics', 'command', 'insights')],
    ['/export', command('export'), ok('export', 'command', 'export')],
    ['/admin', command('admin'), ok('admin', 'command', 'admin')],
    ['/config', command('config'), ok('admin', 'command', 'config')],
    ['/activitylog', command('activitylog'), ok('admin', 'command', 'activitylog')],
    ['autocomplete /clockin category', autocomplete('clockin'), ok('timecard', 'autocomplete', 'clockin')],
    [
      'autocomplete /leaderboard category',
      autocomplete('leaderboard'),
      ok('analytics', 'autocomplete', 'leaderboard'),
    ],
    ['autocomplete /config timezone', autocomplete('config'), ok('admin', 'autocomplete', 'config')],
    ['autocomplete /admin categories edit', autocomplete('admin'), ok('admin', 'autocomplete', 'admin')],
    [
      'button timecard:clockout',
      component('timecard:clockout:AbCdEf12'),
      ok('timecard', 'component', 'timecard'),
    ],
    [
      'select analytics:page',
      component('analytics:page:1:week:AbCdEf12'),
      ok('analytics', 'component', 'analytics'),
    ],
    ['button export:retry', component('export:retry:AbCdEf12'), ok('export', 'component', 'export')],
    ['modal admin:edit', modal('admin:category-edit:work:AbCdEf12'), ok('admin', 'modal', 'admin')],
    ['modal timecard:note', modal('timecard:note:AbCdEf12'), ok('timecard', 'modal', 'timecard')],
    // unknown and odd payloads
    ['an unknown command', command('nonexistent'), err('unknown-command', ErrorCode.UNKNOWN_COMMAND)],
    [
      'a removed legacy command',
      command('dashboard-remove'),
      err('unknown-command', ErrorCode.UNKNOWN_COMMAND),
    ],
    ['a case-mismatched command', command('ClockIn'), err('unknown-command', ErrorCode.UNKNOWN_COMMAND)],
    [
      'autocomplete for an unknown command',
      autocomplete('nope'),
      err('unknown-command', ErrorCode.UNKNOWN_COMMAND),
    ],
    ['a prototype key as command', command('constructor'), err('unknown-command', ErrorCode.UNKNOWN_COMMAND)],
    [
      'a legacy custom_id',
      component('shared_clockin_123'),
      err('unknown-custom-id', ErrorCode.EXPIRED_COMPONENT),
    ],
    [
      'a custom_id of a non-interaction service',
      component('gateway:x:AbCdEf12'),
      err('unknown-custom-id', ErrorCode.EXPIRED_COMPONENT),
    ],
    [
      'a custom_id without separator',
      component('timecard'),
      err('unknown-custom-id', ErrorCode.EXPIRED_COMPONENT),
    ],
    [
      'a custom_id with an empty prefix',
      modal(':timecard:x'),
      err('unknown-custom-id', ErrorCode.EXPIRED_COMPONENT),
    ],
    [
      'a ping',
      raw({ ...base, type: InteractionType.Ping }),
      err('unsupported-type', ErrorCode.INVALID_INPUT),
    ],
    [
      'an unknown interaction type',
      raw({ ...base, type: 42 }),
      err('unsupported-type', ErrorCode.INVALID_INPUT),
    ],
    [
      'a command without data',
      raw({ ...base, type: InteractionType.ApplicationCommand }),
      err('malformed', ErrorCode.INVALID_INPUT),
    ],
    [
      'a command with a numeric name',
      raw({ ...base, type: 2, data: { name: 5 } }),
      err('malformed', ErrorCode.INVALID_INPUT),
    ],
    [
      'a component without custom_id',
      raw({ ...base, type: 3, data: {} }),
      err('malformed', ErrorCode.INVALID_INPUT),
    ],
    ['a modal with an empty custom_id', modal(''), err('malformed', ErrorCode.INVALID_INPUT)],
  ])('%s', (_title, interaction, expected) => {
    expect(routeInteraction(interaction)).toEqual(expected);
  });

  it('routes every registered command and its autocomplete to the same service', () => {
    for (const def of COMMAND_DEFINITIONS) {
      const byCommand = routeInteraction(command(def.name));
      const byAutocomplete = routeInteraction(autocomplete(def.name));
      expect(byCommand.ok && byAutocomplete.ok && byCommand.service === byAutocomplete.service).toBe(true);
    }
  });

  it('routes every id the codec makes to the service it names', () => {
    const codec = createCustomIdCodec({ secret: 'routing-test-secret-0123' });
    for (const service of INTERACTION_SERVICES) {
      const id = codec.encode({ service, action: 'act', args: ['1'] });
      expect(routeInteraction(component(id))).toEqual(ok(service, 'component', service));
      expect(routeInteraction(modal(id))).toEqual(ok(service, 'modal', service));
      expect(peekService(id)).toBe(service);
    }
  });
});

describe('ROUTING_TABLE', () => {
  it('gives every interaction service an entry whose custom_id prefix is its own name', () => {
    expect(Object.keys(ROUTING_TABLE).sort()).toEqual([...INTERACTION_SERVICES].sort());
    for (const service of INTERACTION_SERVICES) expect(ROUTING_TABLE[service].customIdPrefix).toBe(service);
    expect([...CUSTOM_ID_ROUTES.entries()].sort()).toEqual(INTERACTION_SERVICES.map((s) => [s, s]).sort());
  });

  it('names each command once', () => {
    const all = INTERACTION_SERVICES.flatMap((s) => ROUTING_TABLE[s].commands);
    expect(new Set(all).size).toBe(all.length);
    expect([...COMMAND_NAMES].sort()).toEqual([...all].sort());
  });

  it.each([
    ['clockin', 'timecard'],
    ['clockout', 'timecard'],
    ['status', 'timecard'],
    ['dashboard', 'timecard'],
    ['whoclocked', 'timecard'],
    ['forceclockout', 'timecard'],
    ['leaderboard', 'analytics'],
    ['insights', 'analytics'],
    ['export', 'export'],
    ['admin', 'admin'],
    ['config', 'admin'],
    ['activitylog', 'admin'],
    ['unknown', null],
    ['toString', null],
    ['__proto__', null],
  ])('routeCommand(%j) → %j', (name, service) => {
    expect(routeCommand(name)).toBe(service);
    if (service) expect(COMMAND_ROUTES[name as keyof typeof COMMAND_ROUTES]).toBe(service);
  });

  it.each([
    ['timecard:a:b', 'timecard'],
    ['admin:x', 'admin'],
    ['export:', 'export'],
    ['analytics', null],
    ['license:x', null],
    ['', null],
  ])('routeCustomId(%j) → %j', (id, service) => {
    expect(routeCustomId(id)).toBe(service);
  });
});
