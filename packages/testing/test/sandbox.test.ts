import { CommandLineError, parseCommandLine, tokenize } from '../src/sandbox/command-line';
import { findComponent, renderMessage, renderTimestamps } from '../src/sandbox/render';

const members: Record<string, string> = { bob: '210000000000000002' };
const resolve = (name: string) => members[name];

describe('parseCommandLine', () => {
  it.each([
    ['/clockin category:work', { name: 'clockin', options: { category: 'work' } }],
    [
      '/clockin category:work description:"fixing the build"',
      { name: 'clockin', options: { category: 'work', description: 'fixing the build' } },
    ],
    ['/clockout', { name: 'clockout', options: {} }],
    ['/dashboard personal:true', { name: 'dashboard', options: { personal: true } }],
    ['/leaderboard limit:5', { name: 'leaderboard', options: { limit: 5 } }],
    [
      '/forceclockout user:@bob reason:demo',
      { name: 'forceclockout', options: { user: members.bob, reason: 'demo' } },
    ],
    [
      '/admin categories add name:Support weight:2',
      {
        name: 'admin',
        subcommandGroup: 'categories',
        subcommand: 'add',
        options: { name: 'Support', weight: 2 },
      },
    ],
    ['/admin system', { name: 'admin', subcommand: 'system', options: {} }],
  ])('%s', (line, expected) => {
    expect(parseCommandLine(line, resolve)).toEqual(expected);
  });

  it.each([
    ['clockin', /starts with "\/"/],
    ['/nope', /Unknown command \/nope/],
    ['/clockin colour:red', /Unknown option "colour"/],
    ['/clockin work', /name:value/],
    ['/leaderboard limit:many', /limit must be a number/],
    ['/dashboard personal:yes', /personal must be true or false/],
    ['/forceclockout user:@zed', /no sandbox member called "@zed"/],
    ['/admin categories', /needs one of: add, edit, archive, restore, list/],
  ])('refuses %s', (line, message) => {
    expect(() => parseCommandLine(line, resolve)).toThrow(CommandLineError);
    expect(() => parseCommandLine(line, resolve)).toThrow(message);
  });

  it('keeps quoted words together', () => {
    expect(tokenize('/a b:"c d" e')).toEqual(['/a', 'b:c d', 'e']);
  });
});

describe('render', () => {
  const now = Date.UTC(2026, 10, 24, 12, 0, 0);

  it('shows mentions of sandbox members by name', () => {
    expect(
      renderTimestamps('Ended <@210000000000000002> and <@999>', now, { '210000000000000002': 'bob' }),
    ).toBe('Ended @bob and <@999>');
  });

  it('shows Discord timestamps as a client would', () => {
    const at = Math.floor(Date.UTC(2026, 10, 24, 10, 30) / 1000);
    expect(renderTimestamps(`since <t:${at}:f> (<t:${at}:R>)`, now)).toBe(
      'since 2026-11-24 10:30 UTC (1h 30m ago)',
    );
  });

  const message = {
    content: 'Clocked in',
    flags: 64,
    embeds: [{ title: 'Status', description: 'Working', fields: [{ name: 'Today', value: '2h 05m' }] }],
    components: [
      {
        type: 1,
        components: [
          { type: 2, style: 1, label: 'Clock out', custom_id: 'timecard:out:1:abcdefgh' },
          { type: 3, custom_id: 'timecard:pick:1:abcdefgh', options: [{ label: 'Work', value: 'work' }] },
        ],
      },
    ],
  };

  it('renders content, embeds and controls', () => {
    expect(renderMessage(message as never, now)).toBe(
      [
        '(only you can see this)',
        'Clocked in',
        '== Status ==',
        'Working',
        'Today: 2h 05m',
        '[Clock out] <select: Work>',
      ].join('\n'),
    );
  });

  it('finds buttons and select options by label', () => {
    expect(findComponent(message as never, 'clock out')).toEqual({
      customId: 'timecard:out:1:abcdefgh',
      kind: 'button',
    });
    expect(findComponent(message as never, 'Work')).toEqual({
      customId: 'timecard:pick:1:abcdefgh',
      kind: 'select',
      values: ['work'],
    });
    expect(findComponent(message as never, 'Nothing')).toBeUndefined();
  });
});
